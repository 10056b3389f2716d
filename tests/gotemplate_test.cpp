// Go text/template renderer: each action and function, with the outputs Go's
// text/template, Sprig and Helm produce, and what the renderer refuses.
#include <catch2/catch.hpp>

#include "linter/base/text.hpp"
#include "linter/parse/gotemplate/template.hpp"
#include "linter/parse/yaml_parser.hpp"

using namespace seldon_lint;
using namespace seldon_lint::gotemplate;

namespace {

Value values_from(const std::string& yaml_text) {
  if (yaml_text.empty()) return Value::map();
  static YamlParser parser;
  YamlParseOptions options;
  auto starts = compute_line_starts(yaml_text);
  auto r = parser.parse(yaml_text, starts, options);
  REQUIRE(r.documents.size() == 1);
  return from_yaml(r.documents[0].root);
}

// Helm's top-level object with `values` as .Values.
Value helm_data(const std::string& values_yaml) {
  Map release;
  release.emplace("Name", Value::string("rel"));
  release.emplace("Namespace", Value::string("ns"));
  release.emplace("Service", Value::string("Helm"));
  release.emplace("IsInstall", Value::boolean(true));
  Map chart;
  chart.emplace("Name", Value::string("mychart"));
  chart.emplace("Version", Value::string("1.2.3"));
  Map root;
  root.emplace("Values", values_from(values_yaml));
  root.emplace("Release", Value::map(std::move(release)));
  root.emplace("Chart", Value::map(std::move(chart)));
  root.emplace("Capabilities", make_capabilities());
  root.emplace("Files", make_files_object({{"config/app.conf", "a=1\nb=2"}}));
  return Value::map(std::move(root));
}

RenderResult run(const std::string& text, const std::string& values_yaml = "",
                 const std::vector<std::pair<std::string, std::string>>& helpers = {}) {
  TemplateSet set;
  for (const auto& [name, body] : helpers) set.add_file(name, body);
  uint32_t file = set.add_file("mychart/templates/t.yaml", text);
  return set.render(file, helm_data(values_yaml));
}

std::string render(const std::string& text, const std::string& values_yaml = "",
                   const std::vector<std::pair<std::string, std::string>>& helpers = {}) {
  RenderResult r = run(text, values_yaml, helpers);
  INFO((r.error ? r.error->message : std::string()));
  REQUIRE(r.ok());
  return r.output;
}

// The refusal message, requiring that rendering failed.
std::string refusal(const std::string& text, const std::string& values_yaml = "") {
  RenderResult r = run(text, values_yaml);
  REQUIRE_FALSE(r.ok());
  return r.error->describe("t.yaml");
}

}  // namespace

// ---- text, actions, trimming, comments ----

TEST_CASE("text passes through and actions print values", "[gotemplate]") {
  CHECK(render("plain: text\n") == "plain: text\n");
  CHECK(render("name: {{ .Values.name }}", "name: kafka") == "name: kafka");
  CHECK(render("{{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Chart.Name }}") ==
        "rel/ns/mychart");
  CHECK(render("{{ 3 }} {{ 1.5 }} {{ true }} {{ \"s\" }} {{ `raw\\n` }} {{ 'a' }}") ==
        "3 1.5 true s raw\\n 97");
}

TEST_CASE("missing values print nothing, as helm removes <no value>", "[gotemplate]") {
  CHECK(render("a={{ .Values.missing }};") == "a=;");
  CHECK(render("{{ .Values.m }}", "m: {a: 1, b: [x, null]}") == "map[a:1 b:[x <nil>]]");
}

TEST_CASE("numbers from values are float64 and print like Go's %v", "[gotemplate]") {
  CHECK(render("{{ .Values.port }}", "port: 9096") == "9096");
  CHECK(render("{{ .Values.big }}", "big: 1000000") == "1e+06");
  CHECK(render("{{ .Values.n }}", "n: 123456789") == "1.23456789e+08");
  CHECK(render("{{ .Values.f }}", "f: 0.25") == "0.25");
  CHECK(render("{{ .Values.tiny }}", "tiny: 0.00001") == "1e-05");
  CHECK(render("{{ .Values.q }}", "q: \"007\"") == "007");
  CHECK(render("{{ .Values.b }}", "b: yes") == "true");
}

TEST_CASE("trim markers remove whitespace on their side only", "[gotemplate]") {
  CHECK(render("a  \n  {{- \"x\" }}  b") == "ax  b");
  CHECK(render("a  {{ \"x\" -}}  \n  b") == "a  xb");
  CHECK(render("a {{- \"x\" -}} b") == "axb");
  // Without the space the dash is a negative number, not a trim marker.
  CHECK(render("a {{-3}} b") == "a -3 b");
}

TEST_CASE("comments produce nothing and may trim", "[gotemplate]") {
  CHECK(render("a{{/* note */}}b") == "ab");
  CHECK(render("a \n{{- /* multi\nline */ -}}\n b") == "ab");
}

TEST_CASE("if / else if / else", "[gotemplate]") {
  std::string t =
      "{{ if eq .Values.p \"SSL\" }}ssl{{ else if eq .Values.p \"SASL_SSL\" }}sasl{{ else "
      "}}plain{{ end }}";
  CHECK(render(t, "p: SSL") == "ssl");
  CHECK(render(t, "p: SASL_SSL") == "sasl");
  CHECK(render(t, "p: PLAINTEXT") == "plain");
  CHECK(render("{{ if .Values.list }}y{{ else }}n{{ end }}", "list: []") == "n");
  CHECK(render("{{ if .Values.m }}y{{ else }}n{{ end }}", "m: {}") == "n");
  CHECK(render("{{ if 0 }}y{{ else }}n{{ end }}") == "n");
  CHECK(render("{{ if \"\" }}y{{ else }}n{{ end }}") == "n");
}

TEST_CASE("with rebinds dot and has an else branch", "[gotemplate]") {
  CHECK(render("{{ with .Values.kafka }}{{ .bootstrap }}{{ end }}", "kafka: {bootstrap: b:9092}") ==
        "b:9092");
  CHECK(render("{{ with .Values.none }}x{{ else }}none{{ end }}") == "none");
  CHECK(render("{{ with $k := .Values.k }}{{ $k }}{{ end }}", "k: v") == "v");
  CHECK(render("{{ with .Values.a }}a{{ else with .Values.b }}{{ . }}{{ end }}", "b: bee") ==
        "bee");
}

TEST_CASE("range over lists, maps, integers, nil, with break and continue", "[gotemplate]") {
  CHECK(render("{{ range .Values.l }}[{{ . }}]{{ end }}", "l: [a, b]") == "[a][b]");
  CHECK(render("{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", "l: [a, b]") ==
        "0=a;1=b;");
  CHECK(render("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}", "m: {z: 1, a: 2}") ==
        "a=2;z=1;");
  CHECK(render("{{ range $v := .Values.l }}{{ $v }}{{ end }}", "l: [x]") == "x");
  CHECK(render("{{ range .Values.none }}x{{ else }}empty{{ end }}") == "empty");
  CHECK(render("{{ range 3 }}{{ . }}{{ end }}") == "012");
  CHECK(render("{{ range .Values.l }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}",
               "l: [a, b, c]") == "a");
  CHECK(render("{{ range .Values.l }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}",
               "l: [a, b, c]") == "ac");
  CHECK(render("{{ range $i, $e := until 2 }}{{ $i }}{{ end }}") == "01");
}

TEST_CASE("variables: declaration, assignment, scope, $", "[gotemplate]") {
  CHECK(render("{{ $x := \"a\" }}{{ $x = \"b\" }}{{ $x }}") == "b");
  CHECK(render("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}") == "21");
  CHECK(render("{{ $x := 1 }}{{ range .Values.l }}{{ $x = . }}{{ end }}{{ $x }}", "l: [a, b]") ==
        "b");
  CHECK(render("{{ with .Values.a }}{{ $.Release.Name }}{{ end }}", "a: 1") == "rel");
  CHECK(refusal("{{ $nope }}").find("undefined variable: $nope") != std::string::npos);
}

TEST_CASE("pipelines pass the value as the last argument", "[gotemplate]") {
  CHECK(render("{{ .Values.x | default \"d\" | upper | quote }}") == "\"D\"");
  CHECK(render("{{ \"a\" | printf \"%s-%s\" \"b\" }}") == "b-a");
  CHECK(render("{{ (.Values.m).k }}", "m: {k: v}") == "v");
  CHECK(render("{{ (dict \"a\" (dict \"b\" \"c\")).a.b }}") == "c");
  CHECK(render("{{ ((.Values).m).k }}", "m: {k: v}") == "v");
}

TEST_CASE("define, template, include, block", "[gotemplate]") {
  std::vector<std::pair<std::string, std::string>> helpers = {
      {"mychart/templates/_helpers.tpl",
       "{{- define \"chart.name\" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end -}}\n"
       "{{- define \"chart.labels\" -}}\napp: {{ include \"chart.name\" . }}\ntier: x\n{{- end "
       "-}}"}};
  CHECK(render("name: {{ include \"chart.name\" . }}", "", helpers) == "name: mychart-rel");
  CHECK(render("labels:\n  {{- include \"chart.labels\" . | nindent 2 }}", "", helpers) ==
        "labels:\n  app: mychart-rel\n  tier: x");
  CHECK(render("{{ template \"chart.name\" . }}", "", helpers) == "mychart-rel");
  CHECK(render("{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" \"arg\" }}") == "[arg]");
  CHECK(render("{{ block \"b\" .Values.v }}<{{ . }}>{{ end }}", "v: 1") == "<1>");
  // A file is itself a template named after its path (checksum annotations).
  CHECK(render("{{ include \"mychart/templates/_helpers.tpl\" . | sha256sum | len }}", "",
               helpers) == "64");
}

TEST_CASE("positions of output lines map to template lines", "[gotemplate]") {
  TemplateSet set;
  set.add_file("mychart/templates/_h.tpl", "{{ define \"x\" }}\nfrom: helper\n{{ end }}");
  uint32_t file =
      set.add_file("mychart/templates/t.yaml",
                   "a: 1\n{{- if true }}\nb: {{ \"two\" }}\n{{- end }}\n{{ template \"x\" }}");
  RenderResult r = set.render(file, helm_data(""));
  REQUIRE(r.ok());
  CHECK(r.output == "a: 1\nb: two\n\nfrom: helper\n");
  REQUIRE(r.line_origins.size() >= 4);
  CHECK(r.line_origins[0].line == 1);
  CHECK(r.line_origins[1].line == 3);
  CHECK(r.line_origins[3].file == 0);
  CHECK(r.line_origins[3].line == 2);
}

// ---- functions ----

TEST_CASE("default, empty, coalesce, ternary, required", "[gotemplate]") {
  CHECK(render("{{ default \"x\" .Values.a }}") == "x");
  CHECK(render("{{ default \"x\" .Values.a }}", "a: \"\"") == "x");
  CHECK(render("{{ default \"x\" .Values.a }}", "a: false") == "x");
  CHECK(render("{{ default \"x\" .Values.a }}", "a: why") == "why");
  CHECK(render("{{ .Values.a }}", "a: y") ==
        "true");  // YAML 1.1 boolean, as sigs.k8s.io/yaml reads it
  CHECK(render("{{ empty .Values.a }} {{ empty 0 }} {{ empty \"a\" }}", "a: []") ==
        "true true false");
  CHECK(render("{{ coalesce .Values.a .Values.b \"c\" }}", "b: bee") == "bee");
  CHECK(render("{{ ternary \"y\" \"n\" true }} {{ true | ternary \"y\" \"n\" }}") == "y y");
  CHECK(render("{{ required \"need a\" .Values.a }}", "a: set") == "set");
  CHECK(refusal("{{ required \"kafka.bootstrap is required\" .Values.a }}") ==
        "cannot render: required value missing: kafka.bootstrap is required at t.yaml:1");
  CHECK(refusal("x\n{{ required \"r\" \"\" }}").find("t.yaml:2") != std::string::npos);
  CHECK(refusal("{{ ternary 1 2 \"yes\" }}").find("expected bool") != std::string::npos);
}

TEST_CASE("quote, squote, toString, printf, print", "[gotemplate]") {
  CHECK(render("{{ quote \"a\\\"b\" }}") == "\"a\\\"b\"");
  CHECK(render("{{ .Values.p | quote }}", "p: 9092") == "\"9092\"");
  CHECK(render("{{ quote .Values.none }}") == "");
  CHECK(render("{{ squote \"a\" }}") == "'a'");
  // strconv.Quote's escapes: named ones for \a \b \f \n \r \t \v, \xhh (lower case) for
  // the other control bytes.
  CHECK(render("{{ .Values.s | quote }}", "s: \"a\\tb\\x01\\x7f\\vc\\\\\"") ==
        "\"a\\tb\\x01\\x7f\\vc\\\\\"");
  // go-yaml's double-quoted style writes other control bytes as \xHH in upper case.
  CHECK(render("{{ toYaml .Values.s }}", "s: \"a\\x1fb\"") == "\"a\\x1Fb\"");
  CHECK(render("{{ toString 12 }} {{ toString .Values.f }}", "f: 1.5") == "12 1.5");
  CHECK(render(
            "{{ printf \"%s-%d-%v-%q-%t-%05.1f-%x-%%\" \"a\" 7 .Values.b \"q\" true 3.14159 255 }}",
            "b: [1]") == "a-7-[1]-\"q\"-true-003.1-ff-%");
  CHECK(render("{{ printf \"%d\" .Values.n }}", "n: 3") == "%!d(float64=3)");
  CHECK(render("{{ printf \"%s\" }}") == "%!s(MISSING)");
  CHECK(render("{{ print \"a\" 1 2 \"b\" }}") == "a1 2b");
}

TEST_CASE(".Files of a chart the linter read only in part: a file it lacks is unknown",
          "[gotemplate]") {
  TemplateSet set;
  uint32_t file = set.add_file("mychart/templates/t.yaml", "{{ .Files.Get \"config/app.conf\" }}");
  Map root;
  root.emplace("Values", Value::map());
  root.emplace("Files", make_files_object({{"values.yaml", "a: 1"}}, false));
  RenderResult r = set.render(file, Value::map(std::move(root)));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->describe("t.yaml").find("config/app.conf") != std::string::npos);
  // A complete file list: Helm's "" for a missing file.
  CHECK(render("[{{ .Files.Get \"absent.txt\" }}]") == "[]");
}

TEST_CASE("indent, nindent, toYaml, toJson", "[gotemplate]") {
  CHECK(render("{{ \"a\\nb\" | indent 2 }}") == "  a\n  b");
  CHECK(render("x:{{ \"a: 1\" | nindent 4 }}") == "x:\n    a: 1");
  std::string values =
      "m:\n  zeta: 1\n  alpha: two\n  list: [a, b]\n  nested: {k: v}\n  quoted: \"true\"\n  empty: "
      "\"\"\n  multi: \"l1\\nl2\\n\"\n  colon: \"a: b\"\n  nul: null\n  big: 1000000\n";
  CHECK(render("{{ toYaml .Values.m }}", values) ==
        "alpha: two\nbig: 1000000\ncolon: 'a: b'\nempty: \"\"\nlist:\n- a\n- b\nmulti: |\n  l1\n  "
        "l2\nnested:\n  k: v\nnul: null\nquoted: \"true\"\nzeta: 1");
  CHECK(render("{{ toYaml .Values.l }}", "l: [{a: 1, b: 2}, [x]]") == "- a: 1\n  b: 2\n- - x");
  CHECK(render("{{ toYaml .Values.none }}") == "null");
  CHECK(render("{{ toYaml .Values.e }}", "e: {}") == "{}");
  CHECK(render("{{ toJson .Values.m }}", "m: {b: [1, true, null], a: \"<x>\"}") ==
        "{\"a\":\"\\u003cx\\u003e\",\"b\":[1,true,null]}");
  CHECK(render("{{ toJson 1.5 }}") == "1.5");
}

TEST_CASE("string functions", "[gotemplate]") {
  CHECK(render("{{ trim \"  a \\n\" }}|{{ trimAll \"-\" \"--a--\" }}|{{ trimPrefix \"x-\" \"x-a\" "
               "}}|{{ trimSuffix \"-x\" \"a-x\" }}") == "a|a|a|a");
  CHECK(render("{{ lower \"AbC\" }} {{ upper \"AbC\" }} {{ title \"hello world\" }}") ==
        "abc ABC Hello World");
  CHECK(render("{{ replace \".\" \"-\" \"a.b.c\" }}") == "a-b-c");
  CHECK(render("{{ contains \"ka\" \"kafka\" }} {{ hasPrefix \"ka\" \"kafka\" }} {{ hasSuffix "
               "\"ka\" \"kafka\" }} {{ hasPrefix \"x\" \"kafka\" }}") == "true true true false");
  CHECK(render("{{ splitList \",\" \"a,b\" | join \"+\" }}") == "a+b");
  CHECK(render("{{ (split \":\" \"h:9092\")._1 }}") == "9092");
  CHECK(render("{{ join \",\" (list \"a\" nil 1) }}") == "a,1");
  CHECK(render("{{ b64enc \"password\" }} {{ b64dec \"cGFzc3dvcmQ=\" }} {{ b64enc \"ab\" }}") ==
        "cGFzc3dvcmQ= password YWI=");
  CHECK(render("{{ sha256sum \"abc\" }}") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(render("{{ trunc 3 \"abcdef\" }} {{ substr 1 3 \"abcdef\" }} {{ repeat 2 \"ab\" }} {{ "
               "nospace \"a b c\" }} {{ cat \"a\" 1 }}") == "abc bc abab abc a 1");
  // Typed string parameters refuse what Go refuses.
  CHECK(refusal("{{ .Values.none | lower }}").find("lower: invalid value; expected string") !=
        std::string::npos);
  CHECK(refusal("{{ .Values.n | upper }}", "n: 3").find("expected string; got float64") !=
        std::string::npos);
}

TEST_CASE("dict, list, get, set, hasKey, index, len, keys, dig, merge", "[gotemplate]") {
  CHECK(render("{{ $d := dict \"a\" 1 \"b\" \"x\" }}{{ $d.a }}{{ get $d \"b\" }}{{ get $d \"zz\" "
               "}}{{ hasKey $d \"a\" }}") == "1xtrue");
  CHECK(render("{{ $d := dict }}{{ $_ := set $d \"k\" \"v\" }}{{ $d.k }}") == "v");
  CHECK(
      render(
          "{{ index .Values.m \"a-b\" }} {{ index .Values.l 1 }} {{ index .Values.n \"x\" \"y\" }}",
          "m: {a-b: 1}\nl: [p, q]\nn: {x: {y: z}}") == "1 q z");
  CHECK(render("{{ index .Values.m \"missing\" }}", "m: {}") == "");
  CHECK(refusal("{{ index .Values.l 5 }}", "l: [a]").find("index out of range: 5") !=
        std::string::npos);
  CHECK(render("{{ len .Values.l }} {{ len \"abc\" }} {{ len .Values.m }}",
               "l: [1, 2]\nm: {a: 1}") == "2 3 1");
  CHECK(render("{{ keys .Values.m | sortAlpha | join \",\" }}", "m: {b: 1, a: 2}") == "a,b");
  CHECK(render("{{ dig \"a\" \"b\" \"dflt\" .Values }} {{ dig \"a\" \"x\" \"dflt\" .Values }}",
               "a: {b: found}") == "found dflt");
  CHECK(render("{{ $m := merge (dict \"a\" 1) (dict \"a\" 2 \"b\" 3) }}{{ $m.a }}{{ $m.b }}") ==
        "13");
  CHECK(render("{{ $m := mergeOverwrite (dict \"a\" 1) (dict \"a\" 2) }}{{ $m.a }}") == "2");
  CHECK(render("{{ list 1 2 | len }} {{ first (list \"a\" \"b\") }} {{ last (list \"a\" \"b\") }} "
               "{{ has \"b\" (list \"a\" \"b\") }}") == "2 a b true");
  CHECK(render("{{ append (list 1) 2 | toJson }} {{ concat (list 1) (list 2 3) | toJson }} {{ uniq "
               "(list 1 1 2) | toJson }}") == "[1,2] [1,2,3] [1,2]");
  CHECK(render("{{ pick (dict \"a\" 1 \"b\" 2) \"a\" | toJson }} {{ omit (dict \"a\" 1 \"b\" 2) "
               "\"a\" | toJson }}") == "{\"a\":1} {\"b\":2}");
}

TEST_CASE("comparisons follow Go: incompatible kinds are an error", "[gotemplate]") {
  CHECK(render("{{ eq 1 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ "
               "gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}") == "true true true true true true false");
  CHECK(render("{{ eq .Values.none \"x\" }}") == "false");
  CHECK(render("{{ eq .Values.n 3.0 }}", "n: 3") == "true");
  // Values numbers are float64: comparing them with an int constant fails under helm too.
  CHECK(refusal("{{ eq .Values.n 3 }}", "n: 3").find("incompatible types for comparison") !=
        std::string::npos);
}

TEST_CASE("and, or, not short-circuit and return operands", "[gotemplate]") {
  CHECK(
      render(
          "{{ and 1 \"x\" }} {{ and 0 \"x\" }} {{ or \"\" \"y\" }} {{ or 0 false }} {{ not 0 }}") ==
      "x 0 y false true");
  // The right operand is not evaluated: no nil-pointer error.
  CHECK(render("{{ if and .Values.a .Values.a.b }}y{{ else }}n{{ end }}") == "n");
  CHECK(render("{{ if or true .Values.a.b }}y{{ end }}") == "y");
}

TEST_CASE("conversions and arithmetic", "[gotemplate]") {
  CHECK(render("{{ int .Values.n }} {{ int \"42\" }} {{ int64 3.9 }} {{ float64 \"1.5\" }} {{ atoi "
               "\"12\" }}",
               "n: 1000000") == "1000000 42 3 1.5 12");
  CHECK(render("{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 2 }} {{ add1 "
               ".Values.r }} {{ max 1 5 3 }} {{ min 4 2 }}",
               "r: 2") == "6 3 6 3 1 3 5 2");
  CHECK(refusal("{{ div 1 0 }}").find("divide by zero") != std::string::npos);
  CHECK(render("{{ kindOf .Values.m }} {{ kindIs \"slice\" .Values.l }} {{ typeOf .Values.n }}",
               "m: {}\nl: []\nn: 1") == "map true float64");
}

TEST_CASE("tpl renders values as templates with the same named templates", "[gotemplate]") {
  CHECK(render("{{ tpl .Values.name . }}", "name: \"{{ .Release.Name }}-kafka\"") == "rel-kafka");
  CHECK(render("{{ define \"h\" }}H{{ end }}{{ tpl \"{{ include \\\"h\\\" . }}\" . }}") == "H");
  CHECK(refusal("{{ tpl \"{{ .Values.a.b }}\" . }}").find("nil pointer") != std::string::npos);
}

TEST_CASE("Files, Capabilities, lookup, semverCompare as under helm template", "[gotemplate]") {
  CHECK(render("{{ .Files.Get \"config/app.conf\" }}") == "a=1\nb=2");
  CHECK(render("{{ .Files.Get \"missing\" }}") == "");
  CHECK(render("{{ range .Files.Lines \"config/app.conf\" }}[{{ . }}]{{ end }}") == "[a=1][b=2]");
  CHECK(render("{{ .Capabilities.KubeVersion.Version }}") == "v1.31.0");
  CHECK(render("{{ .Capabilities.APIVersions.Has \"apps/v1\" }} {{ .Capabilities.APIVersions.Has "
               "\"monitoring.coreos.com/v1\" }}") == "true false");
  CHECK(render("{{ $s := lookup \"v1\" \"Secret\" \"ns\" \"name\" }}{{ len $s }}{{ if $s }}found{{ "
               "end }}") == "0");
  CHECK(render("{{ semverCompare \">=1.19-0\" .Capabilities.KubeVersion.GitVersion }} {{ "
               "semverCompare \"<1.14-0\" \"v1.31.0\" }}") == "true false");
  CHECK(render("{{ semverCompare \"^1.2.0\" \"1.9.9\" }} {{ semverCompare \"~1.2.0\" \"1.3.0\" }} "
               "{{ semverCompare \">1.0, <2.0\" \"1.5.0\" }} {{ semverCompare \"<1 || >=3\" "
               "\"3.1.0\" }}") == "true false true true");
  CHECK(refusal("{{ .Files.Glob \"*.conf\" }}").find("cannot render: .Files.Glob") == 0);
}

// ---- refusals: clear messages, never a guess, never a crash ----

TEST_CASE("nil pointer on a missing parent key fails as under helm", "[gotemplate]") {
  CHECK(refusal("a\nb: {{ .Values.kafka.bootstrap }}") ==
        "cannot render: nil pointer evaluating interface {}.bootstrap (.Values.kafka.bootstrap: "
        "the value before .bootstrap "
        "is not set) at t.yaml:2");
}

TEST_CASE("unsupported functions are refused by name with the line", "[gotemplate]") {
  CHECK(refusal("x\n\n{{ randAlphaNum 16 }}") ==
        "cannot render: function \"randAlphaNum\" (random output) at t.yaml:3");
  CHECK(refusal("{{ regexReplaceAll \"a\" \"b\" \"c\" }}")
            .find("regular expressions are not supported") != std::string::npos);
  CHECK(refusal("{{ noSuchFunction 1 }}").find("function \"noSuchFunction\" (not defined") !=
        std::string::npos);
  CHECK(refusal("{{ .Values | fail }}").find("fail") != std::string::npos);
  // A refused function in a branch that is not taken does not matter.
  CHECK(render("{{ if false }}{{ randAlphaNum 3 }}{{ end }}ok") == "ok");
  RenderResult r = run("{{ now }}");
  REQUIRE(r.error);
  CHECK(r.error->kind == RenderError::Kind::Unsupported);
}

TEST_CASE("syntax errors name the line", "[gotemplate]") {
  TemplateSet set;
  uint32_t a = set.add_file("a", "ok\n{{ if .x }}\nno end");
  uint32_t b = set.add_file("b", "{{ .x | }}");
  uint32_t c = set.add_file("c", "{{ \"unterminated }}");
  uint32_t d = set.add_file("d", "{{ end }}");
  uint32_t e = set.add_file("e", "{{ break }}");
  for (uint32_t f : {a, b, c, d, e}) {
    auto error = set.parse_error(f);
    REQUIRE(error);
    CHECK(error->kind == RenderError::Kind::Syntax);
    RenderResult r = set.render(f, Value::map());
    CHECK_FALSE(r.ok());
  }
  CHECK(set.parse_error(a)->line == 2);
  CHECK(set.parse_error(a)->describe("a").find("without {{end}}") != std::string::npos);
}

TEST_CASE("recursion, loops and output are bounded", "[gotemplate]") {
  RenderResult rec = run("{{ define \"r\" }}{{ include \"r\" . }}{{ end }}{{ include \"r\" . }}");
  REQUIRE(rec.error);
  CHECK(rec.error->kind == RenderError::Kind::Limit);
  CHECK(rec.error->message.find("nested deeper") != std::string::npos);

  RenderResult self =
      run("{{ define \"t\" }}{{ template \"t\" . }}{{ end }}{{ template \"t\" . }}");
  REQUIRE(self.error);
  CHECK(self.error->kind == RenderError::Kind::Limit);

  RenderResult big = run("{{ range until 100000 }}{{ range until 100000 }}x{{ end }}{{ end }}");
  REQUIRE(big.error);
  CHECK(big.error->kind == RenderError::Kind::Limit);

  RenderResult doubling =
      run("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}");
  REQUIRE(doubling.error);
  CHECK(doubling.error->kind == RenderError::Kind::Limit);

  CHECK(run("{{ until 1000000000 }}").error->kind == RenderError::Kind::Limit);

  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "{{ if true }}";
  TemplateSet set;
  uint32_t f = set.add_file("deep", deep);
  REQUIRE(set.parse_error(f));
  CHECK(set.parse_error(f)->message.find("nested too deeply") != std::string::npos);
}

TEST_CASE("garbage never crashes the parser or evaluator", "[gotemplate]") {
  const char* inputs[] = {"{{",
                          "}}",
                          "{{-",
                          "{{ ( }}",
                          "{{ ) }}",
                          "{{ $ := }}",
                          "{{ range $a, := . }}{{ end }}",
                          "{{ .a.b.c.d }}",
                          "{{ 0x }}",
                          "{{ 1e999 }}",
                          "{{ '' }}",
                          "{{ \"\\q\" }}",
                          "{{ template }}",
                          "{{ define }}",
                          "{{ else }}",
                          "{{ with }}{{ end }}",
                          "{{ | }}",
                          "{{ .. }}",
                          "{{/* x",
                          "{{ index }}",
                          "{{ printf }}",
                          "{{ nil }}",
                          "{{ . 1 }}",
                          "{{ \"a\" \"b\" }}",
                          "{{ $x.y }}"};
  for (const char* input : inputs) {
    TemplateSet set;
    uint32_t f = set.add_file("g", input);
    RenderResult r = set.render(f, helm_data(""));
    CHECK((r.ok() || !r.error->message.empty()));
  }
}

TEST_CASE("values merge as helm coalesces them", "[gotemplate]") {
  Value merged = merge_values(values_from("a: {b: 1, c: 2}\nl: [1]\nd: x\n"),
                              values_from("a: {c: 3}\nl: [2]\nd: null\n"));
  CHECK(to_json(merged) == "{\"a\":{\"b\":1,\"c\":3},\"l\":[2]}");
}

TEST_CASE("the supported function list is what the docs claim", "[gotemplate]") {
  auto names = supported_functions();
  for (const char* required : {"default",   "quote",      "squote",     "toYaml",   "nindent",
                               "indent",    "include",    "tpl",        "required", "printf",
                               "trim",      "trimSuffix", "trimPrefix", "trimAll",  "lower",
                               "upper",     "replace",    "ternary",    "hasKey",   "dict",
                               "list",      "get",        "index",      "len",      "toJson",
                               "eq",        "ne",         "lt",         "le",       "gt",
                               "ge",        "and",        "or",         "not",      "b64enc",
                               "toString",  "int",        "empty",      "coalesce", "contains",
                               "hasPrefix", "hasSuffix",  "splitList",  "join",     "semverCompare",
                               "lookup"})
    CHECK(std::find(names.begin(), names.end(), required) != names.end());
}

TEST_CASE("missingkey=error, as helmfile renders, fails on a missing map key", "[gotemplate]") {
  TemplateSet set;
  set.set_missing_key_error(true);
  uint32_t file = set.add_file("helmfile.yaml.gotmpl",
                               "a: {{ .Values.kafka.protocol }}\nb: {{ .Values.kafka.tls }}\n");
  RenderResult r = set.render(file, helm_data("kafka:\n  protocol: SASL_SSL\n"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->describe("helmfile.yaml.gotmpl") ==
        "cannot render: map has no entry for key \"tls\" at helmfile.yaml.gotmpl:2");
  // index and hasKey look up without failing, as in Go.
  uint32_t lenient =
      set.add_file("v.gotmpl", "{{ index .Values.kafka \"tls\" }}{{ hasKey .Values \"x\" }}");
  RenderResult ok = set.render(lenient, helm_data("kafka:\n  protocol: SASL_SSL\n"));
  REQUIRE(ok.ok());
  CHECK(ok.output == "false");
  // Helm's default (missingkey=zero): prints nothing.
  CHECK(render("b: {{ .Values.kafka.tls }}", "kafka:\n  protocol: SASL_SSL\n") == "b: ");
}

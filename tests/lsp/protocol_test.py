#!/usr/bin/env python3
"""Scripted LSP client test of `seldon-lint lsp`: protocol edge cases, diagnostics,
incremental edits, didChangeWatchedFiles, configuration reload, cross-file republish,
position encodings, hover, the suppress code action, shutdown/exit and a vanishing client.

usage: protocol_test.py BINARY SOURCE_DIR
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, uri_of  # noqa: E402

SERVER_NOT_INITIALIZED = -32002
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602

VALUES = "clusters/prod-eu-1/seldon/components-values.yaml"
LOGS_SECRET = "clusters/prod-eu-1/seldon-logs/kafka-sasl.yaml"
PLAINTEXT_PASSWORD = "hunter2-never-shown-anywhere"

failures = []


def check(condition, what):
    if condition:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        failures.append(what)


def codes(diagnostics):
    return sorted(d["code"] for d in diagnostics)


def sealed_secret(name):
    return ("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: %s\n"
            "  namespace: seldon-logs\nspec:\n  encryptedData:\n    password: AgBzZWFsZWQ=\n" % name)


def protocol_edge_cases(binary, root, tmp):
    c = Client(binary, root, os.path.join(tmp, "edge.log"))
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(root / VALUES)},
                                         "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == SERVER_NOT_INITIALIZED,
          "a request before initialize is ServerNotInitialized")
    c.write_raw(b"Content-Length: 9\r\n\r\n{not json")
    r = c.wait(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == PARSE_ERROR, "malformed JSON is a ParseError with id null")
    c.write_raw(b"X-Header: 1\r\n\r\n")
    r = c.wait(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == PARSE_ERROR, "a header without Content-Length is a ParseError")
    c.send({"id": 77, "method": "initialize"})
    r = c.response(77)
    check(r["error"]["code"] == INVALID_REQUEST, "a message without jsonrpc 2.0 is InvalidRequest")
    c.send({"jsonrpc": "2.0", "id": 78, "method": 5})
    check(c.response(78)["error"]["code"] == INVALID_REQUEST, "a non-string method is InvalidRequest")
    c.write_raw(b"Content-Length: 2\r\n\r\n[]")
    r = c.wait(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == INVALID_REQUEST, "a JSON array is InvalidRequest")
    result = c.initialize(root, encodings=["utf-8", "utf-16"])["result"]
    check(result["capabilities"]["positionEncoding"] == "utf-8", "utf-8 is chosen when offered")
    check(result["capabilities"]["textDocumentSync"]["change"] == 2, "incremental sync")
    r = c.request("textDocument/definition", {})
    check(r["error"]["code"] == METHOD_NOT_FOUND, "an unknown method is MethodNotFound")
    c.notify("custom/unknownNotification", {"x": 1})
    c.notify("$/cancelRequest", {"id": 1})
    r = c.request("textDocument/hover", {"textDocument": {"uri": 5}})
    check(r["error"]["code"] == INVALID_PARAMS, "wrong params are InvalidParams")
    r = c.request("initialize", {"capabilities": {}})
    check(r["error"]["code"] == INVALID_REQUEST, "a second initialize is refused")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(root / "nope.yaml")},
                                        "contentChanges": [{"text": "x"}]})
    r = c.request("shutdown")
    check("result" in r and r["result"] is None, "shutdown answers null")
    r = c.request("textDocument/hover", {})
    check(r["error"]["code"] == INVALID_REQUEST, "a request after shutdown is InvalidRequest")
    c.notify("exit")
    check(c.wait_exit() == 0, "exit after shutdown ends with 0")

    c = Client(binary, root, os.path.join(tmp, "eof.log"))
    c.initialize(root)
    c.proc.stdin.close()
    check(c.wait_exit() == 1, "a client that vanishes (EOF) ends the server (exit 1, no crash)")

    c = Client(binary, root, os.path.join(tmp, "exit.log"))
    c.initialize(root)
    c.notify("exit")
    check(c.wait_exit() == 1, "exit without shutdown ends with 1")

    c = Client(binary, root, os.path.join(tmp, "truncated.log"))
    c.initialize(root)
    c.write_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    c.proc.stdin.close()
    check(c.wait_exit() == 1, "a message cut short by EOF ends the server cleanly")


def diagnostics_and_edits(binary, root, tmp):
    c = Client(binary, root, os.path.join(tmp, "main.log"))
    result = c.initialize(root, capabilities={
        "window": {"showDocument": {"support": True}},
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})["result"]
    check(result["capabilities"]["positionEncoding"] == "utf-16", "utf-16 by default")
    reg = c.wait(lambda m: m.get("method") == "client/registerCapability")
    c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
    check(reg["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles",
          "file watching is registered when the client supports it")
    values_uri = uri_of(root / VALUES)
    d = c.diagnostics(values_uri)
    check(codes(d) == ["SL302"], "SL302 published for the values file without opening it")
    sl302 = d[0]
    check(sl302["range"] == {"start": {"line": 12, "character": 16},
                             "end": {"line": 12, "character": 26}}, "SL302 range is exact")
    check(sl302["severity"] == 1 and sl302["source"] == "seldon-lint", "severity and source")
    check(sl302["codeDescription"]["href"].endswith("/docs/rules/SL302.md"),
          "codeDescription.href is the rule's documentation")
    related = sl302.get("relatedInformation", [])
    check(len(related) == 1 and related[0]["location"]["uri"].endswith(
        "/seldon/kafka-sasl.yaml"), "relatedInformation points at the other file")

    # Cross-file: a buffer (not on disk) with the Secret in seldon-logs clears SL302
    # in the values file, which is not open.
    logs_uri = uri_of(root / LOGS_SECRET)
    plain = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka-sasl\n  namespace: seldon-logs\n"
             "stringData:\n  password: %s\n" % PLAINTEXT_PASSWORD)
    c.notify("textDocument/didOpen", {"textDocument": {"uri": logs_uri, "languageId": "yaml",
                                                       "version": 1, "text": plain}})
    check(c.diagnostics(values_uri) == [], "opening the seldon-logs Secret clears SL302 (empty list)")
    logs = c.diagnostics(logs_uri)
    check("SL304" in codes(logs), "the committed plaintext password is SL304 in the new buffer")
    c.notify("textDocument/didClose", {"textDocument": {"uri": logs_uri}})
    check(codes(c.diagnostics(values_uri)) == ["SL302"],
          "closing the unsaved buffer brings SL302 back")
    check(c.diagnostics(logs_uri) == [], "the closed unsaved file's findings are cleared")

    # The same through the disk and didChangeWatchedFiles.
    (root / LOGS_SECRET).write_text(sealed_secret("kafka-sasl"))
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": logs_uri, "type": 1}]})
    check(c.diagnostics(values_uri) == [], "a created file (didChangeWatchedFiles) clears SL302")
    (root / LOGS_SECRET).write_text(sealed_secret("another-secret"))
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": logs_uri, "type": 2}]})
    check(codes(c.diagnostics(values_uri)) == ["SL302"], "a changed file on disk is read again")
    (root / LOGS_SECRET).unlink()
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": logs_uri, "type": 3}]})
    c.request("textDocument/hover", {"textDocument": {"uri": values_uri},
                                     "position": {"line": 0, "character": 0}})
    check(not [m for m in c.notifications if m.get("params", {}).get("uri") == values_uri],
          "unchanged findings are not republished")

    # Configuration reload.
    config_uri = uri_of(root / ".seldon-lint.yaml")
    (root / ".seldon-lint.yaml").write_text("rules:\n  SL302: off\n")
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config_uri, "type": 1}]})
    check(c.diagnostics(values_uri) == [], "a changed .seldon-lint.yaml reloads (SL302: off)")
    (root / ".seldon-lint.yaml").write_text("rules:\n  SL999: off\n")
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config_uri, "type": 2}]})
    bad = c.diagnostics(config_uri)
    check(len(bad) == 1 and "SL999" in bad[0]["message"] and bad[0]["range"]["start"]["line"] == 1,
          "an invalid configuration is a diagnostic on its line")
    (root / ".seldon-lint.yaml").unlink()
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config_uri, "type": 3}]})
    check(c.diagnostics(config_uri) == [], "the configuration diagnostic is cleared")
    check(codes(c.diagnostics(values_uri)) == ["SL302"], "defaults again without the file")

    # Incremental edits of an open buffer.
    text = (root / VALUES).read_text()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": values_uri, "languageId": "yaml",
                                                       "version": 1, "text": text}})
    check(codes(c.diagnostics(values_uri)) == ["SL302"], "didOpen publishes the document")
    line = text.splitlines()[7]
    start = line.index("SASL_SSL")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": values_uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 7, "character": start},
                                      "end": {"line": 7, "character": start + len("SASL_SSL")}},
                            "text": "PLAINTEXT"}]})
    m = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == values_uri)
    check(m["params"].get("version") == 2, "diagnostics carry the document version")
    check("SL101" in codes(m["params"]["diagnostics"]),
          "an incremental edit to PLAINTEXT gives SL101")

    # Code action: suppress with reason, then showDocument selecting the placeholder.
    sl101 = [x for x in m["params"]["diagnostics"] if x["code"] == "SL101"][0]
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": values_uri},
                                              "range": sl101["range"],
                                              "context": {"diagnostics": [sl101]}})
    actions = [a for a in r["result"] if "SL101" in a["title"]]
    check(len(actions) == 1, "a suppress action for SL101")
    edit = actions[0]["edit"]["changes"][values_uri][0]
    check(edit["newText"] == "    # seldon-lint: ignore[SL101] TODO: reason\n" and
          edit["range"]["start"] == {"line": 7, "character": 0},
          "the directive goes above the line with its indentation")
    command = actions[0]["command"]
    c.request("workspace/executeCommand", {"command": command["command"],
                                           "arguments": command["arguments"]})
    show = c.wait(lambda m: m.get("method") == "window/showDocument")
    todo = edit["newText"].index("TODO: reason")
    check(show["params"]["selection"] == {"start": {"line": 7, "character": todo},
                                          "end": {"line": 7, "character": todo + 12}},
          "window/showDocument selects 'TODO: reason'")
    c.send({"jsonrpc": "2.0", "id": show["id"], "result": {"success": True}})
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": values_uri, "version": 3},
        "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
    d = c.diagnostics(values_uri)
    check("SL003" in codes(d) and "SL101" in codes(d) and
          [x for x in d if x["code"] == "SL003"][0]["range"]["start"]["line"] == 7,
          "an unedited TODO: reason is SL003 and suppresses nothing")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": values_uri, "version": 4},
        "contentChanges": [{"range": show["params"]["selection"],
                            "text": "lab cluster, no TLS on purpose"}]})
    check(codes(c.diagnostics(values_uri)) == ["SL105"], "with a reason SL101 is suppressed")

    # Hover on a values key.
    r = c.request("textDocument/hover", {"textDocument": {"uri": values_uri},
                                         "position": {"line": 8, "character": 6}})
    hover = r["result"]["contents"]["value"] if r.get("result") else ""
    check("protocol" in hover and "`PLAINTEXT`" in hover and VALUES + ":9" in hover,
          "hover shows the effective value and the layer that set it")
    r = c.request("textDocument/hover", {"textDocument": {"uri": values_uri},
                                         "position": {"line": 0, "character": 3}})
    check(r["result"] is None, "hover on a comment is null")

    # Back to SASL_SSL: the directive now suppresses nothing (SL004, tagged unnecessary).
    line8 = "    protocol: PLAINTEXT"
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": values_uri, "version": 5},
        "contentChanges": [{"range": {"start": {"line": 8, "character": 0},
                                      "end": {"line": 8, "character": len(line8)}},
                            "text": "    protocol: SASL_SSL"}]})
    d = c.diagnostics(values_uri)
    sl004 = [x for x in d if x["code"] == "SL004"]
    check(codes(d) == ["SL004", "SL302"] and sl004[0].get("tags") == [1] and
          sl004[0]["range"]["start"]["line"] == 7, "an unused directive is SL004 tagged Unnecessary")

    # Full sync, and UTF-16 positions after non-ASCII text on the same line.
    emoji = text.replace("      client:\n        username: seldon\n        secret: kafka-sasl\n",
                         "      client: {username: \"é😀\", secret: kafka-sasl}\n")
    c.notify("textDocument/didChange", {"textDocument": {"uri": values_uri, "version": 6},
                                        "contentChanges": [{"text": emoji}]})
    d = c.diagnostics(values_uri)
    expected = len('      client: {username: "é😀", secret: ')
    check(d and d[0]["range"]["start"] == {"line": 10, "character": expected + 1},
          "UTF-16 columns count surrogate pairs (%s)" % (d[0]["range"] if d else None))
    c.notify("textDocument/didClose", {"textDocument": {"uri": values_uri}})
    check(codes(c.diagnostics(values_uri)) == ["SL302"], "closing reverts to the file on disk")

    # A rule's own fix (SL102: only the case is wrong) as a quickfix.
    lower = text.replace("protocol: SASL_SSL", "protocol: sasl_ssl")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": values_uri, "languageId": "yaml",
                                                       "version": 1, "text": lower}})
    d = c.diagnostics(values_uri)
    sl102 = [x for x in d if x["code"] == "SL102"]
    check(len(sl102) == 1, "a lower-case protocol is SL102")
    if sl102:
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": values_uri},
                                                  "range": sl102[0]["range"],
                                                  "context": {"diagnostics": sl102}})
        fixes = [a for a in r["result"] if a.get("isPreferred")]
        edits = fixes[0]["edit"]["changes"][values_uri] if fixes else []
        check(len(edits) == 1 and edits[0]["newText"] == "SASL_SSL" and
              edits[0]["range"] == sl102[0]["range"], "the rule's fix is a preferred quickfix")
        if edits:
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": values_uri, "version": 2},
                "contentChanges": [{"range": edits[0]["range"], "text": edits[0]["newText"]}]})
            check(codes(c.diagnostics(values_uri)) == ["SL302"], "applying the fix clears SL102")
    c.notify("textDocument/didClose", {"textDocument": {"uri": values_uri}})

    check(PLAINTEXT_PASSWORD.encode() not in c.raw, "a secret value never appears in any message")
    check(c.stop() == 0, "shutdown + exit")
    log = open(os.path.join(tmp, "main.log")).read()
    check(PLAINTEXT_PASSWORD not in log, "nor in the server's log")


def utf8_positions(binary, root, tmp):
    c = Client(binary, root, os.path.join(tmp, "utf8.log"))
    c.initialize(root, encodings=["utf-8"])
    values_uri = uri_of(root / VALUES)
    c.diagnostics(values_uri)
    text = (root / VALUES).read_text().replace(
        "      client:\n        username: seldon\n        secret: kafka-sasl\n",
        "      client: {username: \"é😀\", secret: kafka-sasl}\n")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": values_uri, "languageId": "yaml",
                                                       "version": 1, "text": text}})
    d = c.diagnostics(values_uri)
    expected = len('      client: {username: "é😀", secret: '.encode())
    check(d and d[0]["range"]["start"]["character"] == expected,
          "UTF-8 columns count bytes when negotiated")
    check(c.stop() == 0, "utf-8 client shuts down")


def main():
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    import pathlib
    tmp = tempfile.mkdtemp(prefix="seldon-lint-lsp-")
    try:
        root = pathlib.Path(tmp) / "repo"
        shutil.copytree(os.path.join(source, "tests/lsp/workspace"), root)
        protocol_edge_cases(binary, root, tmp)
        diagnostics_and_edits(binary, root, tmp)
        utf8_positions(binary, root, tmp)
    finally:
        if failures:
            for name in sorted(os.listdir(tmp)):
                if name.endswith(".log"):
                    print("--- %s" % name)
                    print(open(os.path.join(tmp, name)).read()[-3000:])
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

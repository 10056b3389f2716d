-- A real LSP client: Neovim (0.7+) attaches `seldon-lint lsp` to a copy of
-- tests/lsp/workspace, opens a values file, receives the diagnostics, edits the
-- buffer and sees them update, applies the "suppress with reason" code action
-- and a rule's quick fix (buf_request_sync + apply_workspace_edit: 0.7 routes
-- code actions through vim.ui.select) and asks for a hover.  Run by tests/cli/lsp_neovim.sh:
--   SELDON_LINT_BINARY=... LSP_TEST_ROOT=... nvim --headless -u NONE -c "luafile neovim_test.lua"
local binary = assert(os.getenv("SELDON_LINT_BINARY"), "SELDON_LINT_BINARY")
local root = assert(os.getenv("LSP_TEST_ROOT"), "LSP_TEST_ROOT")
local values = root .. "/clusters/prod-eu-1/seldon/components-values.yaml"
local failures = 0

local function check(condition, what)
  if condition then
    io.stdout:write("ok   " .. what .. "\n")
  else
    io.stdout:write("FAIL " .. what .. "\n")
    failures = failures + 1
  end
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, d.code)
  end
  table.sort(out)
  return table.concat(out, ",")
end

local function wait_codes(bufnr, expected)
  vim.wait(15000, function() return codes(bufnr) == expected end, 20)
  return codes(bufnr)
end

local function run()
  local client_id = vim.lsp.start_client({
    name = "seldon-lint",
    cmd = { binary, "lsp" },
    root_dir = root,
  })
  check(client_id ~= nil, "the client starts the server")
  vim.cmd("edit " .. vim.fn.fnameescape(values))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  local got = wait_codes(bufnr, "SL302")
  check(got == "SL302", "diagnostics arrive for the opened file (" .. got .. ")")
  local d = vim.diagnostic.get(bufnr)[1]
  check(d and d.lnum == 12 and d.col == 16 and d.end_col == 26 and d.source == "seldon-lint",
        "the SL302 range is exact")

  -- An edit through the buffer (Neovim sends an incremental didChange).
  vim.api.nvim_buf_set_lines(bufnr, 7, 8, false, { "    protocol: PLAINTEXT" })
  got = wait_codes(bufnr, "SL101,SL105")
  check(got == "SL101,SL105", "the edit updates the diagnostics (" .. got .. ")")

  -- The "suppress with reason" code action on the SL101 line.
  vim.api.nvim_win_set_cursor(0, { 8, 14 })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  local action
  for _, response in pairs(responses or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.title:find("SL101", 1, true) then action = a end
    end
  end
  check(action ~= nil, "a suppress action is offered for SL101")
  if action then
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    local line = vim.api.nvim_buf_get_lines(bufnr, 7, 8, false)[1]
    check(line == "    # seldon-lint: ignore[SL101] TODO: reason", "the directive is inserted: " .. line)
    got = wait_codes(bufnr, "SL003,SL101,SL105")
    check(got == "SL003,SL101,SL105", "the placeholder reason is SL003 (" .. got .. ")")
    vim.api.nvim_buf_set_lines(bufnr, 7, 8, false,
      { "    # seldon-lint: ignore[SL101] lab cluster without TLS" })
    got = wait_codes(bufnr, "SL105")
    check(got == "SL105", "with a reason the finding is suppressed (" .. got .. ")")
  end

  -- Hover on the `protocol` key (line 9 now).
  vim.api.nvim_win_set_cursor(0, { 9, 6 })
  local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover",
    vim.lsp.util.make_position_params(), 10000)
  local text = ""
  for _, response in pairs(hover or {}) do
    if response.result then text = response.result.contents.value end
  end
  check(text:find("`PLAINTEXT`", 1, true) ~= nil and
        text:find("components-values.yaml:9", 1, true) ~= nil,
        "hover shows the effective value and where it was set")

  -- A rule's own fix (SL102: only the case is wrong) applied as a quickfix.
  vim.api.nvim_buf_set_lines(bufnr, 8, 9, false, { "    protocol: sasl_ssl" })
  -- (the directive above now suppresses nothing: SL004)
  got = wait_codes(bufnr, "SL004,SL102,SL302")
  check(got == "SL004,SL102,SL302", "a lower-case protocol is SL102 (" .. got .. ")")
  vim.api.nvim_win_set_cursor(0, { 9, 16 })
  params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  local fix
  for _, response in pairs(responses or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.isPreferred then fix = a end
    end
  end
  check(fix ~= nil, "the rule's fix is offered as the preferred quickfix")
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
    local line = vim.api.nvim_buf_get_lines(bufnr, 8, 9, false)[1]
    check(line == "    protocol: SASL_SSL", "the fix is applied: " .. line)
    got = wait_codes(bufnr, "SL004,SL302")
    check(got == "SL004,SL302", "the fix clears SL102 (" .. got .. ")")
  end

  local client = vim.lsp.get_client_by_id(client_id)
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
  check(client.is_stopped(), "the server stops on shutdown/exit")
end

local ok, err = pcall(run)
if not ok then
  io.stdout:write("FAIL error: " .. tostring(err) .. "\n")
  failures = failures + 1
end
io.stdout:write(failures .. " failure(s)\n")
vim.cmd((failures == 0) and "qall!" or "cquit 1")

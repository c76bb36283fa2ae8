-- A Neovim session with its built-in LSP client against `otp-audit server`.
-- Written for Neovim 0.7 (Debian 12) and later: start_client + buf_attach_client.
-- Reads its inputs from the environment and writes what it saw as JSON to
-- OTP_AUDIT_RESULT; tests/neovim.rs judges it.
local bin = os.getenv("OTP_AUDIT_BIN")
local root = os.getenv("OTP_AUDIT_ROOT")
local file = os.getenv("OTP_AUDIT_FILE")
local result_path = os.getenv("OTP_AUDIT_RESULT")
local result = { steps = {} }

local function finish(failure)
  result.failure = failure
  local f = assert(io.open(result_path, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(failure and "cquit 3" or "qall!")
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function step(name)
  table.insert(result.steps, name)
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "otp-audit",
    cmd = { bin, "server" },
    root_dir = root,
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)
  step("attached")

  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    return finish("no diagnostics within 20 s")
  end
  result.diagnostics = {}
  local call
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      code = code_of(d), source = d.source, severity = d.severity,
      lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message,
    })
    if code_of(d) == "otp/call-timeout" then call = d end
  end
  step("diagnostics")
  if not call then return finish("no otp/call-timeout diagnostic") end

  -- The code actions for the call's line (it has no other finding).
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = {
      start = { line = call.lnum, character = 0 },
      ["end"] = { line = call.lnum + 1, character = 0 },
    },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 20000)
  local actions = (responses and responses[client_id] and responses[client_id].result) or {}
  result.actions = {}
  local fix
  for _, a in ipairs(actions) do
    table.insert(result.actions, a.title)
    if a.kind == "quickfix" and a.title:find("as the timeout", 1, true) then fix = a end
  end
  step("actions")
  if not fix then return finish("no quickfix for the call") end
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  step("applied")

  -- The edit goes to the server as a didChange; the finding goes away.
  local gone = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(d) == "otp/call-timeout" then return false end
    end
    return true
  end, 20)
  if not gone then return finish("the call-timeout diagnostic stayed after the fix") end
  result.after = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.after, code_of(d))
  end
  step("republished")
  vim.lsp.stop_client(client_id)
  finish(nil)
end)
if not ok then finish("error: " .. tostring(err)) end

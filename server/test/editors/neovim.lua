-- Drives `backend-checklist lsp --stdio` from Neovim's built-in LSP client (0.7+: vim.lsp.start_client).
-- Run by server/test/neovim.test.ts: nvim --headless -u NONE -i NONE -n -c 'luafile neovim.lua'.
-- Environment: BC_CLI (dist/cli.js), BC_ROOT (project root), BC_FILE (file to open), BC_OUT (JSON result).
local result = { steps = {} }
local function step(s) table.insert(result.steps, s) end

local ok, err = pcall(function()
  vim.cmd("filetype on")
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.BC_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "backend-checklist",
    cmd = { "node", vim.env.BC_CLI, "lsp", "--stdio" },
    root_dir = vim.env.BC_ROOT,
  })
  assert(id, "start_client failed")
  vim.lsp.buf_attach_client(bufnr, id)
  step("attached")

  local got = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  assert(got, "no diagnostics within 30 s")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum, col = d.col, endLine = d.end_lnum, endCol = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
      code = lsp.code or d.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  step("diagnostics")

  -- Code actions for the first finding, as a user's <leader>ca would request them.
  local first = vim.diagnostic.get(bufnr)[1]
  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, first.lnum)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = line_diags[1].range,
    context = { diagnostics = line_diags },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 15000) or {}
  result.actions = {}
  local ignore
  for _, r in pairs(responses) do
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, { title = a.title, isPreferred = a.isPreferred or false, hasEdit = a.edit ~= nil, hasData = a.data ~= nil })
      if a.title:match("^Ignore ") then ignore = a end
    end
  end
  step("actions")

  -- Apply the ignore action's edit and see the finding go away.
  assert(ignore and ignore.edit, "no ignore action with an edit")
  vim.lsp.util.apply_workspace_edit(ignore.edit, "utf-16")
  result.lineAfterIgnore = vim.api.nvim_buf_get_lines(bufnr, first.lnum, first.lnum + 1, false)[1]
  result.clearedAfterIgnore = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum == first.lnum + 1 then return false end
    end
    return true
  end, 50)
  step("ignored")

  -- Resolve (codeAction/resolve) and apply the preferred fix of the remaining finding.
  local rest = vim.diagnostic.get(bufnr)[1]
  assert(rest, "no second finding")
  local diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, rest.lnum)
  local res = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = diags[1].range,
    context = { diagnostics = diags },
  }, 15000) or {}
  local preferred
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      if a.isPreferred then preferred = a end
    end
  end
  assert(preferred, "no preferred action for the second finding")
  if not preferred.edit then
    local resolved = vim.lsp.get_client_by_id(id).request_sync("codeAction/resolve", preferred, 15000, bufnr)
    assert(resolved and resolved.result, "codeAction/resolve failed: " .. vim.inspect(resolved))
    preferred = resolved.result
  end
  vim.lsp.util.apply_workspace_edit(preferred.edit, "utf-16")
  result.lineAfterFix = vim.api.nvim_buf_get_lines(bufnr, rest.lnum, rest.lnum + 1, false)[1]
  local example = vim.env.BC_ROOT .. "/.env.example"
  local eb = vim.fn.bufnr(example)
  result.envExample = eb > 0 and table.concat(vim.api.nvim_buf_get_lines(eb, 0, -1, false), "\n") or table.concat(vim.fn.readfile(example), "\n")
  step("fixed")
  vim.lsp.stop_client(id)
end)

result.ok = ok
if not ok then result.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.BC_OUT)
vim.cmd("qall!")

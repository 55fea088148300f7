-- Drives `journey lsp` from Neovim's own LSP client (the 0.7 API:
-- vim.lsp.start_client and vim.lsp.buf_attach_client), as a user would:
-- sets it up with the first Lua snippet of docs/editors.md ($SNIPPET, the
-- configuration users copy), opens a map, makes a typo, waits for the
-- diagnostic, jumps to a definition, completes, renames.  Writes what it
-- saw as JSON to $OUT; test_nvim.py asserts on it.
--   SNIPPET=config.lua MAP=... OUT=... nvim --headless --clean -u NONE -c "luafile nvim_client.lua"
local snippet, map, out = os.getenv("SNIPPET"), os.getenv("MAP"), os.getenv("OUT")
local results = { errors = {} }

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  -- Counts the publications of diagnostics, to know the first has come.
  local published = 0
  local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(...)
    published = published + 1
    return publish(...)
  end
  dofile(snippet)   -- the documented configuration; `journey` is on the PATH
  vim.cmd("edit " .. vim.fn.fnameescape(map))
  local buf = vim.api.nvim_get_current_buf()
  results.filetype = vim.bo.filetype
  local client = nil
  vim.wait(10000, function()
    client = vim.lsp.buf_get_clients(buf)[1] or vim.tbl_values(vim.lsp.buf_get_clients(buf))[1]
    return client ~= nil
  end, 20)
  results.client = client ~= nil
  local id = client.id
  results.initialized = vim.wait(10000, function()
    return client.server_capabilities ~= nil and client.initialized ~= false
  end, 20)
  results.server_name = client.server_capabilities and client.name

  -- The clean map: no diagnostics once the first publication arrives.
  results.published = vim.wait(10000, function() return published > 0 end, 20)
  results.clean = #vim.diagnostic.get(buf)

  -- A typo in a channel's name (line 68: touchpoint instagram "Sponsored post").
  local line = vim.api.nvim_buf_get_lines(buf, 67, 68, false)[1]
  local col = line:find("instagram", 1, true)
  vim.api.nvim_buf_set_text(buf, 67, col + 3, 67, col + 4, { "" })   -- instagram -> instgram
  results.typo_line = vim.api.nvim_buf_get_lines(buf, 67, 68, false)[1]
  results.got_diagnostic = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(results.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
                                        code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code,
                                        message = d.message })
  end

  -- Definition: from `persona ben` on line 77 to ben's declaration.
  local l77 = vim.api.nvim_buf_get_lines(buf, 76, 77, false)[1]
  vim.api.nvim_win_set_cursor(0, { 77, (l77:find("ben", 1, true)) })
  vim.lsp.buf.definition()
  vim.wait(10000, function() return vim.api.nvim_win_get_cursor(0)[1] ~= 77 end, 20)
  results.definition = vim.api.nvim_win_get_cursor(0)

  -- Completion after `owner ` on a new line in a step.
  vim.api.nvim_buf_set_lines(buf, 69, 69, false, { "      owner " })
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 69, character = 12 } }
  local resp = client.request_sync("textDocument/completion", params, 10000, buf)
  results.completion = {}
  for _, item in ipairs((resp and resp.result) or {}) do
    table.insert(results.completion, item.label)
  end
  table.sort(results.completion)
  vim.api.nvim_buf_set_lines(buf, 69, 70, false, {})

  -- Rename the team `retail` (line 79: owner retail) everywhere.
  local l79 = vim.api.nvim_buf_get_lines(buf, 78, 79, false)[1]
  vim.api.nvim_win_set_cursor(0, { 79, (l79:find("retail", 1, true)) })
  vim.lsp.buf.rename("shopfloor")
  vim.wait(10000, function()
    return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n"):find("shopfloor", 1, true) ~= nil
  end, 20)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  local _, n_new = text:gsub("shopfloor", "")
  local _, n_old = text:gsub("retail", "")
  results.renamed, results.left = n_new, n_old

  -- And the typo fixed: the diagnostics go away.
  vim.api.nvim_buf_set_text(buf, 67, col - 1, 67, col + 7, { "instagram" })
  results.fixed = vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20)

  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
end)
if not ok then
  table.insert(results.errors, tostring(err))
end
finish()

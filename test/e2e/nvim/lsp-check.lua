-- Headless neovim 0.7 as a second, independent LSP client. Reads a plan from $ZAA_NVIM_CONFIG
-- ({cmd, root, file, filetype, hover = {line, character}, results}), talks to the server through
-- vim.lsp only, and writes what it saw as JSON for nvim.test.mjs to judge.
local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.ZAA_NVIM_CONFIG), '\n'))
local results = { steps = {} }
-- Generous: on a busy 2-core machine the first hover also loads CC-CEDICT.
local REQUEST_TIMEOUT_MS = 90000

local function record(name, fn)
  local t0 = vim.loop.hrtime()
  local ok, value = pcall(fn)
  results.steps[name] = { ok = ok, value = ok and value or nil, error = (not ok) and tostring(value) or nil,
    ms = math.floor((vim.loop.hrtime() - t0) / 1e6) }
  return ok and value or nil
end

local bufnr, client, raw_diagnostics
-- Server stderr and protocol errors land in stdpath('cache')/lsp.log (a temp dir here); the node
-- test prints it when a step fails.
vim.lsp.set_log_level('warn')
results.log = vim.lsp.get_log_path()

-- request_sync returns nil both on timeout and when the server is gone; say which.
local function request(method, params)
  local resp, err = client.request_sync(method, params, REQUEST_TIMEOUT_MS, bufnr)
  if resp then
    assert(not resp.err, vim.inspect(resp.err))
    return resp.result
  end
  error(string.format('%s: no answer (%s); server stopped: %s', method, tostring(err), tostring(client.is_stopped())))
end

record('start', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.file))
  bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = cfg.filetype
  local id = vim.lsp.start_client({
    name = 'zh-article-annotator',
    cmd = cfg.cmd,
    root_dir = cfg.root,
    handlers = {
      -- Keep the raw LSP diagnostics (with source and code) as well as feeding vim.diagnostic.
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, conf)
        if result and result.uri == vim.uri_from_bufnr(bufnr) and #result.diagnostics > 0 then
          raw_diagnostics = result.diagnostics
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, conf)
      end,
    },
  })
  assert(id, 'start_client returned nil')
  vim.lsp.buf_attach_client(bufnr, id)
  client = vim.lsp.get_client_by_id(id)
  assert(vim.wait(REQUEST_TIMEOUT_MS, function() return client.initialized end, 20), 'server did not initialize')
  return { name = client.name, offset_encoding = client.offset_encoding,
    hover = client.server_capabilities.hoverProvider and true or false,
    codeAction = client.server_capabilities.codeActionProvider ~= nil }
end)

local uri = bufnr and vim.uri_from_bufnr(bufnr)

record('diagnostics', function()
  assert(client, 'no client')
  assert(vim.wait(REQUEST_TIMEOUT_MS, function() return raw_diagnostics ~= nil end, 50), 'no diagnostics published')
  return { lsp = raw_diagnostics, vim_count = #vim.diagnostic.get(bufnr) }
end)

record('hover', function()
  assert(client, 'no client')
  local result = request('textDocument/hover', { textDocument = { uri = uri }, position = cfg.hover })
  local lines = result and vim.lsp.util.convert_input_to_markdown_lines(result.contents) or {}
  return { markdown = table.concat(lines, '\n') }
end)

record('codeAction', function()
  assert(client and raw_diagnostics, 'no diagnostics to fix')
  local d = raw_diagnostics[1]
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = d.range,
    context = { diagnostics = { d }, only = { 'quickfix' } },
  }) or {}
  local out = { diagnostic = d, titles = {}, kinds = {} }
  for _, a in ipairs(actions) do
    table.insert(out.titles, a.title)
    table.insert(out.kinds, a.kind or '')
  end
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local first = actions[1]
  if first and first.edit then
    vim.lsp.util.apply_workspace_edit(first.edit, client.offset_encoding)
    out.applied = first.title
  end
  out.lines_before = #before
  out.text_after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  return out
end)

if client then
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
end
vim.fn.writefile({ vim.fn.json_encode(results) }, cfg.results)
vim.cmd('qa!')

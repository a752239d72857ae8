-- check.lua - the manual check of docs/lsp.md, headless: run with
--   IPXELINT=$PWD/build/ipxelint nvim --headless -u tests/lsp/nvim/init.lua \
--     -c 'luafile tests/lsp/nvim/check.lua' SCRIPT
-- It waits for ipxelint's diagnostics, then jumps from the first
-- `goto` on the screen to its label with vim.lsp.buf.definition(), and
-- prints what happened.
local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
end

say('filetype: %s', vim.bo.filetype)
local ok = vim.wait(10000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
say('diagnostics arrived: %s', tostring(ok))
for _, d in ipairs(vim.diagnostic.get(0)) do
  say('  %d:%d %s [%s]', d.lnum + 1, d.col + 1, d.message, d.code or '')
end

-- the first "goto <label>" whose label exists, and a "goto ${var}"
local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
local function jump(pattern)
  for i, line in ipairs(lines) do
    local col = line:find(pattern)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col + 4 })
      say('cursor on %d:%d: %s', i, col + 5, line)
      vim.lsp.buf.definition()
      local moved = vim.wait(5000, function()
        return vim.api.nvim_win_get_cursor(0)[1] ~= i
      end, 50)
      if vim.bo.buftype == 'quickfix' then
        -- several targets: Neovim lists them in the quickfix window
        for _, e in ipairs(vim.fn.getqflist()) do
          say('  definition listed: line %d: %s', e.lnum, e.text)
        end
        vim.cmd('cclose')
        return
      end
      local pos = vim.api.nvim_win_get_cursor(0)
      say('  definition jumped: %s, to line %d: %s', tostring(moved),
          pos[1], vim.api.nvim_get_current_line())
      return
    end
  end
end
jump('goto start')
jump('goto %${')

-- hover on the first command of line 8 (synchronous request)
local params = vim.lsp.util.make_position_params()
params.position = { line = 7, character = 1 }
local res = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 5000)
for _, r in pairs(res or {}) do
  if r.result then
    say('hover on line 8: %s', r.result.contents.value:gsub('\n', ' | '))
  end
end
vim.cmd('qa!')

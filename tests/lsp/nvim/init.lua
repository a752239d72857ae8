-- init.lua - the Neovim configuration of docs/lsp.md, for Neovim 0.7
-- (Debian 12's) and later: *.ipxe files and files whose first line is
-- "#!ipxe" get filetype ipxe, and buffers of that filetype are served by
-- `ipxelint --lsp` (IPXELINT overrides the command's path).
local ipxelint = os.getenv('IPXELINT') or 'ipxelint'

vim.cmd([[
  augroup ipxe_filetype
    autocmd!
    autocmd BufRead,BufNewFile *.ipxe setfiletype ipxe
    autocmd BufRead,BufNewFile * if getline(1) =~# '^#!ipxe\>' | setfiletype ipxe | endif
  augroup END
]])

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'ipxe',
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    local root = vim.fn.fnamemodify(file, ':p:h')
    if vim.lsp.start then -- Neovim 0.8 and later
      vim.lsp.start({ name = 'ipxelint', cmd = { ipxelint, '--lsp' },
                      root_dir = root })
    else -- Neovim 0.7
      local id = vim.lsp.start_client({ name = 'ipxelint',
                                        cmd = { ipxelint, '--lsp' },
                                        root_dir = root })
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})

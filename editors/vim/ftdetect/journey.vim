" Filetype detection for journey maps (*.journey).
autocmd BufNewFile,BufRead *.journey setfiletype journey

" Vim filetype plugin for journey maps (*.journey).
" Comments start with '#'; `journey fmt` indents with two spaces.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2
" Names may contain '-' (first-task, in-person).
setlocal iskeyword+=-
" gf on an import opens the file; :checkpath and [I follow imports.
setlocal suffixesadd=.journey
setlocal include=^\\s*import\\s\\+\"

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth<'
      \ . ' softtabstop< iskeyword< suffixesadd< include<'

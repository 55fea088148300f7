" Vim compiler file for journey maps: `:compiler journey`, then `:make`
" checks the current file and fills the quickfix list with journey's
" diagnostics (errors, warnings and their notes; the quoted source lines
" and the summary are left out).  Set b:journey_check_args (or
" g:journey_check_args) for options such as '-W all' or '-I lib'.
if exists('current_compiler')
  finish
endif
let current_compiler = 'journey'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:args = get(b:, 'journey_check_args', get(g:, 'journey_check_args', ''))
execute 'CompilerSet makeprg=journey\ check\ --color=never'
      \ . (empty(s:args) ? '' : '\ ' . escape(s:args, ' \|"')) . '\ %:S'
" file:line:column: error|warning|note: message [-Wname].  journey counts
" columns in characters; %v (screen columns) agrees with that for all text
" but wide characters (CJK, emoji) and tabs, where %c (bytes) would be off
" for every character beyond ASCII.
CompilerSet errorformat=%f:%l:%v:\ %trror:\ %m,
                       \%f:%l:%v:\ %tarning:\ %m,
                       \%f:%l:%v:\ %tote:\ %m,
                       \%f:\ %trror:\ %m,
                       \journey:\ %m,
                       \%-G%.%#

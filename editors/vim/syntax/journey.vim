" Vim syntax file
" Language:     journey (customer journey maps, *.journey)
" Maintainer:   the journey project (editors/vim in its repository)
"
" Keywords are contextual, as in the scanner (grammar/journey.l): a word is
" a keyword only where a statement starts, at the start of a line or after
" ';', '{' or '}'.  Elsewhere it is a name: in `team support "Support"`,
" `support` is the team's id, not a keyword.  The id after persona, channel,
" team, kpi, stage and step (when a title follows) is highlighted as a
" declaration.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
" Triple-quoted text may span any number of lines.
syn sync fromstart

" Names: matched as a whole, so that digits and '-' inside a name (step-2)
" are never taken for a number.
syn match journeyName /[A-Za-z_][A-Za-z0-9_-]*/ contains=NONE

" Statement keywords, where a statement starts.
let s:start = '\%(\%(^\|[;{}]\)\s*\)\@<='
let s:end = '[A-Za-z0-9_-]\@!'
execute 'syn match journeyInclude /' . s:start . 'import' . s:end . '/'
execute 'syn match journeyStructure /' . s:start . 'journey' . s:end . '/'
execute 'syn match journeyDeclare /' . s:start . '\%(persona\|channel\|team\|kpi\)' . s:end
      \ . '/ nextgroup=journeyTypeId skipwhite'
execute 'syn match journeyDeclare /' . s:start . '\%(stage\|step\)' . s:end
      \ . '/ nextgroup=journeySectionId skipwhite'
execute 'syn match journeyStatement /' . s:start . '\%(description\|scale\|reviewed\|next-review\|goal\|need'
      \ . '\|frustration\|behavior\|quote\|kind\|unit\|target\|touchpoint\|owner\|emotion'
      \ . '\|thought\|pain\|opportunity\|frontstage\|backstage\|support\|metric\|evidence\|note\|moment\|tag\|artifact\|solves\|baseline\|image\)'
      \ . s:end . '/'
execute 'syn match journeyStatement /' . s:start . 'state' . s:end . '/ nextgroup=journeyConstant skipwhite'
execute 'syn match journeyStatement /' . s:start . 'better' . s:end . '/ nextgroup=journeyConstant skipwhite'
execute 'syn match journeyStatement /' . s:start . '\%(severity\|impact\|effort\|status\)' . s:end
      \ . '/ nextgroup=journeyConstant skipwhite'
unlet s:start s:end
syn match journeyConstant /\%(current\|future\|as-is\|to-be\|higher\|lower\|low\|medium\|high\|critical\|idea\|planned\|doing\|done\|dropped\)[A-Za-z0-9_-]\@!/ contained

" The id of a declaration: a name followed by its title.
syn match journeyTypeId /[A-Za-z_][A-Za-z0-9_-]*\ze\s*"/ contained
syn match journeySectionId /[A-Za-z_][A-Za-z0-9_-]*\ze\s*"/ contained

" Numbers (a leading sign, a fraction, a '%' suffix) and ranges (-2..2).
syn match journeyNumber /[+-]\=\d\+\%(\.\d\+\)\=%\=/
syn match journeyRange /[+-]\=\d\+\.\.[+-]\=\d\+/ contains=journeyRangeDots
syn match journeyRangeDots /\.\./ contained

" Strings: one line, or """ ... """ over several.  The escapes are \" \\ \n
" \t and \u{1 to 6 hex digits}; any other is an error.
syn match journeyBadEscape /\\./ contained
syn match journeyEscape /\\[\\"nt]/ contained
syn match journeyEscape /\\u{\x\{1,6}}/ contained
syn region journeyString start=/"/ skip=/\\\\\|\\"/ end=/"/ end=/$/ oneline
      \ contains=journeyEscape,journeyBadEscape,@Spell
syn region journeyText start=/"""/ skip=/\\\\\|\\"/ end=/"""/ fold
      \ contains=journeyEscape,journeyBadEscape,@Spell

syn match journeyBrace /[{}]/
syn match journeyDelimiter /[;,]/

syn keyword journeyTodo TODO FIXME XXX contained
syn match journeyComment /#.*$/ contains=journeyTodo,@Spell

hi def link journeyInclude     Include
hi def link journeyStructure   Structure
hi def link journeyDeclare     Structure
hi def link journeyStatement   Statement
hi def link journeyConstant    Constant
hi def link journeyTypeId      Identifier
hi def link journeySectionId   Function
hi def link journeyNumber      Number
hi def link journeyRange       Number
hi def link journeyRangeDots   Operator
hi def link journeyString      String
hi def link journeyText        String
hi def link journeyEscape      SpecialChar
hi def link journeyBadEscape   Error
hi def link journeyBrace       Delimiter
hi def link journeyDelimiter   Delimiter
hi def link journeyComment     Comment
hi def link journeyTodo        Todo

let b:current_syntax = 'journey'
let &cpo = s:cpo_save
unlet s:cpo_save

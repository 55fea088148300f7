" Used by test_editors.py: for each buffer N (from 0), writes N.syn (per
" line, the syntax item of every byte, comma-separated) and N.opt (the
" filetype and commentstring) into $DUMP_DIR.
let s:n = 0
for s:buf in range(1, bufnr('$'))
  if !buflisted(s:buf)
    continue
  endif
  execute 'buffer' s:buf
  let s:rows = []
  for s:l in range(1, line('$'))
    let s:names = []
    for s:c in range(1, col([s:l, '$']) - 1)
      call add(s:names, synIDattr(synID(s:l, s:c, 0), 'name'))
    endfor
    call add(s:rows, join(s:names, ','))
  endfor
  call writefile(s:rows, $DUMP_DIR . '/' . s:n . '.syn')
  call writefile([&filetype, &commentstring], $DUMP_DIR . '/' . s:n . '.opt')
  let s:n += 1
endfor

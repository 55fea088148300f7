# Editor support (editors/): the TextMate grammar and the Vim syntax file
# give every character of the examples the class the scanner gives it, and
# know every keyword of the scanner's table; the VS Code package is valid.
foreach(mode textmate vim vscode)
  add_test(NAME editors/${mode}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_editors.py ${mode} ${PROJECT_SOURCE_DIR})
endforeach()
# Without vim the Vim test has nothing to run.
set_tests_properties(editors/vim PROPERTIES SKIP_RETURN_CODE 77)

# Shell completion (editors/completions/): the candidates offered after a
# Tab, in bash (the function called as bash calls it) and zsh (an
# interactive zsh in a pseudo-terminal; skipped when zsh is not installed).
foreach(shell bash zsh)
  add_test(NAME editors/${shell}-completion
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_completion.py
                   ${shell} $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})
  set_tests_properties(editors/${shell}-completion PROPERTIES SKIP_RETURN_CODE 77)
endforeach()

# `:compiler journey` (editors/vim/compiler/): real Vim runs :make and the
# quickfix list is read back.
add_test(NAME editors/vim-compiler
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_vim_compiler.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})
set_tests_properties(editors/vim-compiler PROPERTIES SKIP_RETURN_CODE 77)

# The VS Code extension: its code activated in Node with a stand-in for
# VS Code, and `vsce package` with its npm dependencies installed into the
# build directory (skipped when the npm registry cannot be reached; not in
# the sanitizer build, where it would test nothing of journey's C again).
set(VSCODE_MODES activation)
if(NOT JOURNEY_SANITIZE)
  list(APPEND VSCODE_MODES package)
endif()
foreach(mode IN LISTS VSCODE_MODES)
  add_test(NAME editors/vscode-${mode}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_vscode.py ${mode}
                   $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(editors/vscode-${mode} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()

# Editor support (editors/): the TextMate grammar and the Vim syntax file
# give every character of the examples the class the scanner gives it, and
# know every keyword of the scanner's table; the VS Code package is valid.
foreach(mode textmate vim vscode)
  add_test(NAME editors/${mode}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_editors.py ${mode} ${PROJECT_SOURCE_DIR})
endforeach()
# Without vim the Vim test has nothing to run.
set_tests_properties(editors/vim PROPERTIES SKIP_RETURN_CODE 77)

# docs/git.md's recipes run by real git in a temporary repository: the
# textconv driver, the hunk headers (xfuncname) and the merge driver.
add_test(NAME git
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_git.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})

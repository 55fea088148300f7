# journey diff: pairs of versions with known changes, the three formats,
# --exit-code, standard input on either side.
add_test(NAME diff
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_diff.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)

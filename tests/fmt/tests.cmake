# journey fmt: golden files of messy maps, idempotence and an unchanged
# model on every example, --check, -w, standard input.
add_test(NAME fmt
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_fmt.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)

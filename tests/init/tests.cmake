# journey init: every template in src/cli/templates/ is listed, written
# byte for byte, checks clean with -W error and is in fmt's layout.
add_test(NAME init
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_init.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/src/cli/templates)

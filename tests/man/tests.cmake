# The journey(1) man page (docs/journey.1) and `journey help COMMAND` list
# the same commands, usage lines, options and warnings.
add_test(NAME man
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_man.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/docs/journey.1)

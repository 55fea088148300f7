# CHANGELOG.md's shape and the version spelt alike everywhere.
add_test(NAME release/changelog
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_changelog.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})

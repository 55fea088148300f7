# The CI recipes of docs/ci.md (editors/ci/): each step of the GitHub
# Actions workflow and the pre-commit hook run on the examples in a
# temporary git repository.
add_test(NAME ci
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_ci.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})

# Every diagnostic code of include/journey/codes.h has a golden case here.
add_test(NAME diag-coverage
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/diag/coverage.py
         $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/include/journey/codes.h)

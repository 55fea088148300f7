# How outputs are written (docs/cli.md, "How outputs are written"): outputs
# that are inputs, full disks and /dev/full, file size limits, read-only
# files, links, FIFOs and devices, long names, the pages of a wide PNG.
add_test(NAME output
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_output.py $<TARGET_FILE:journey>
                 ${PROJECT_SOURCE_DIR}/examples ${PROJECT_SOURCE_DIR})

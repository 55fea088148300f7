# Every SVG journey writes is XML: every map in the repository that renders
# (examples, templates, test inputs), drawn as SVG and read back by
# xmllint, with the golden SVGs too.
add_test(NAME svg/xmllint
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_svgxml.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})

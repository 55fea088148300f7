# journey report: every kind read back with a CSV parser, the spreadsheet
# guard, TSV and Markdown, exit statuses, atomic output.
add_test(NAME report COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_report.py
         $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)

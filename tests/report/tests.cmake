# journey report: every kind read back with a CSV parser, the spreadsheet
# guard, TSV and Markdown, exit statuses, atomic output.
add_test(NAME report COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_report.py
         $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)

# journey report -o FILE.xlsx: every sheet read back with openpyxl and
# compared cell by cell with the CSV of its kind (a build with XLSX only).
if(JOURNEY_XLSX)
  add_test(NAME report/workbook COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_workbook.py
           $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)
endif()

# Byte goldens: every kind of every example, and a portfolio of them.
add_test(NAME report/golden COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_golden.py
         $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})

# journey export: JSON against docs/journey.schema.json, Mermaid golden
# files re-read the way Mermaid's lexer reads them, the command's exits.
foreach(part Json Mermaid Cli)
  string(TOLOWER ${part} name)
  add_test(NAME export/${name}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_export.py
                   $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples ${part})
endforeach()

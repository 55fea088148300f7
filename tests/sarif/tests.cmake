# SARIF as code scanning reads it (rules with help and links, the
# invocation, file: URIs, fingerprints) and --diagnostics=json against
# docs/diagnostics.schema.json.
add_test(NAME sarif
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_sarif.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR})

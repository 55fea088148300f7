# journey convert --from mermaid: Mermaid's journey syntax, written by hand
# from its documentation, against golden maps that check clean and export
# back to the same diagram; malformed diagrams against golden errors.
add_test(NAME convert
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_convert.py $<TARGET_FILE:journey>)

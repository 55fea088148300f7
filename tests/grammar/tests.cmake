# The statement table (JY_NODE_LIST in include/journey/ast.h) against the
# grammar (grammar/journey.y): what the table does not derive, the grammar
# must agree with.
add_test(NAME grammar/table
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_table.py ${PROJECT_SOURCE_DIR})

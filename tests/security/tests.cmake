# Hostile input that aims beyond the map: text that would break an output
# or a terminal, names and paths that would inject into diagnostics and CI
# logs, imports that reach for files they should not read.
add_executable(hostile_model ${CMAKE_CURRENT_LIST_DIR}/hostile_model.c)
target_link_libraries(hostile_model PRIVATE journey_lib)
target_compile_options(hostile_model PRIVATE ${PROJECT_WARNINGS})
add_test(NAME security
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_security.py $<TARGET_FILE:journey>
                 $<TARGET_FILE:hostile_model>)

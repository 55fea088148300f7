# The renderer: its layout rules in C, the command end to end in Python,
# and a render loop under valgrind (not in sanitizer builds, which valgrind
# cannot run).
add_executable(test_render_unit ${CMAKE_CURRENT_LIST_DIR}/test_render_unit.c)
target_link_libraries(test_render_unit PRIVATE journey_lib PkgConfig::CAIRO)
target_include_directories(test_render_unit PRIVATE ${PROJECT_SOURCE_DIR}/src/back)
target_compile_options(test_render_unit PRIVATE ${PROJECT_WARNINGS})
add_test(NAME render/unit COMMAND test_render_unit ${PROJECT_SOURCE_DIR}/examples ${PROJECT_SOURCE_DIR}/tests)

add_test(NAME render/cli
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_render.py $<TARGET_FILE:journey>
                 ${PROJECT_SOURCE_DIR}/examples ${CMAKE_CURRENT_LIST_DIR})

add_executable(render_leak_loop ${CMAKE_CURRENT_LIST_DIR}/leak_loop.c)
target_link_libraries(render_leak_loop PRIVATE journey_lib)
target_compile_options(render_leak_loop PRIVATE ${PROJECT_WARNINGS})
if(NOT JOURNEY_SANITIZE)
  add_test(NAME render/valgrind
           COMMAND valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect
                   --errors-for-leak-kinds=definite,indirect --error-exitcode=99
                   --suppressions=${CMAKE_CURRENT_LIST_DIR}/graphviz-2.42.supp
                   $<TARGET_FILE:render_leak_loop> 2
                   ${PROJECT_SOURCE_DIR}/examples/winter-jacket.journey
                   ${PROJECT_SOURCE_DIR}/examples/clinic-appointment.journey)
endif()

# The limits of drawing: texts too long and maps too large are refused.
add_test(NAME render/limits
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_limits.py $<TARGET_FILE:journey>
                 "${JOURNEY_SANITIZE}")

# Long and odd text in every slot of seeded random maps, drawn as SVG and DOT.
add_test(NAME render/fuzz
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_fuzz.py $<TARGET_FILE:journey>)
set_tests_properties(render/fuzz PROPERTIES TIMEOUT 300)

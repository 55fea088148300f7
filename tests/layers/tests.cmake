# The layers hold: a file of one layer that includes a header of a layer
# above it does not compile.  Each case is a target outside `all`, built by
# the test with the usage requirements of its layer's target; beside each,
# a control that includes the layer's own header and must build.
set(LAYER_CASES "core:ast.h:core.h" "front:model.h:ast.h" "check:render.h:model.h")
foreach(case IN LISTS LAYER_CASES)
  string(REPLACE ":" ";" parts ${case})
  list(GET parts 0 layer)
  list(GET parts 1 above)
  list(GET parts 2 own)
  foreach(kind wrong right)
    if(kind STREQUAL "wrong")
      set(header ${above})
    else()
      set(header ${own})
    endif()
    set(src ${CMAKE_CURRENT_BINARY_DIR}/layers/${layer}_${kind}.c)
    file(WRITE ${src}.in "#include \"journey/${header}\"\nint layer_case_${kind}(void);\nint layer_case_${kind}(void) { return 0; }\n")
    configure_file(${src}.in ${src} COPYONLY)
    add_library(layer_${layer}_${kind} OBJECT EXCLUDE_FROM_ALL ${src})
    target_link_libraries(layer_${layer}_${kind} PRIVATE journey_${layer})
  endforeach()
  add_test(NAME layers/${layer}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_layers.py ${CMAKE_COMMAND}
                   ${PROJECT_BINARY_DIR} ${layer} ${above})
  set_tests_properties(layers/${layer} PROPERTIES RUN_SERIAL TRUE)
endforeach()

# The library never ends the program: no object of libjourney calls exit,
# _exit or abort other than alloc.c's last resort (abort when memory runs
# out with no guard set, a bug in the library itself).
add_test(NAME layers/no-exit
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_no_exit.py $<TARGET_FILE:journey_lib>)

# Back ends stand side by side: each includes the layers below (core,
# front, check: the model and the facts in model.h) and its own header,
# never another back end's.
add_test(NAME layers/back-ends-apart
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_back_ends.py ${PROJECT_SOURCE_DIR})

# Every name the library exports carries the jy_ prefix, so that a program
# may define xmalloc, buf_add or map_get of its own and still link it.
if(JOURNEY_SANITIZE)
  set(LAYER_TEST_CFLAGS "-fsanitize=address,undefined")
else()
  set(LAYER_TEST_CFLAGS "")
endif()
add_test(NAME layers/prefix
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_prefix.py $<TARGET_FILE:journey_lib>
                 $<TARGET_FILE:journey_check_lib> ${CMAKE_C_COMPILER} "${LAYER_TEST_CFLAGS}"
                 ${PROJECT_SOURCE_DIR}/include)

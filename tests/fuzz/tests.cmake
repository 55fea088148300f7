# Fuzz targets.  With -DJOURNEY_FUZZ=ON (and clang) they are built as
# libFuzzer programs (scripts/fuzz runs them); in every build they are also
# linked with a replay driver that runs their checks over the seed corpus
# and the inputs fuzzing once found bad (regressions/).
foreach(target check fmt)
  add_executable(fuzz_${target}_replay ${CMAKE_CURRENT_LIST_DIR}/fuzz_${target}.c ${CMAKE_CURRENT_LIST_DIR}/replay.c)
  target_link_libraries(fuzz_${target}_replay PRIVATE journey_lib)
  target_compile_options(fuzz_${target}_replay PRIVATE ${PROJECT_WARNINGS})
  add_test(NAME fuzz/replay-${target}
           COMMAND fuzz_${target}_replay ${PROJECT_SOURCE_DIR}/examples ${PROJECT_SOURCE_DIR}/tests/diag
                   ${PROJECT_SOURCE_DIR}/tests/fmt ${PROJECT_SOURCE_DIR}/tests/render
                   ${CMAKE_CURRENT_LIST_DIR}/regressions)
  if(JOURNEY_FUZZ)
    add_executable(fuzz_${target} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${target}.c)
    target_link_libraries(fuzz_${target} PRIVATE journey_lib)
    target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer)
  endif()
endforeach()

# The language server's reading of what an editor sends (fuzz_lsp.c); its
# seeds are editor sessions (lsp/*.lsp).
add_executable(fuzz_lsp_replay ${CMAKE_CURRENT_LIST_DIR}/fuzz_lsp.c ${CMAKE_CURRENT_LIST_DIR}/replay.c)
target_link_libraries(fuzz_lsp_replay PRIVATE journey_lsp)
target_compile_options(fuzz_lsp_replay PRIVATE ${PROJECT_WARNINGS})
add_test(NAME fuzz/replay-lsp
         COMMAND fuzz_lsp_replay ${CMAKE_CURRENT_LIST_DIR}/lsp ${CMAKE_CURRENT_LIST_DIR}/regressions)
if(JOURNEY_FUZZ)
  add_executable(fuzz_lsp ${CMAKE_CURRENT_LIST_DIR}/fuzz_lsp.c)
  target_link_libraries(fuzz_lsp PRIVATE journey_lsp)
  target_link_options(fuzz_lsp PRIVATE -fsanitize=fuzzer)
endif()

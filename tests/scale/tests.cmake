# Work that must stay near-linear in the size of the map: a map with many
# unknown names against many declarations (every one a "did you mean"
# search, every unused declaration a warning to sort in).
add_test(NAME scale/did-you-mean
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_scale.py
                 $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/bench/gen_typos.py)

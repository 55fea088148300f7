# The language server: the protocol spoken by a scripted client
# (test_protocol.py), and a real editor's client (Neovim, test_nvim.py).
add_test(NAME lsp/protocol COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_protocol.py
         $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)
add_test(NAME lsp/neovim COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_nvim.py
         $<TARGET_FILE:journey> ${PROJECT_SOURCE_DIR}/examples)

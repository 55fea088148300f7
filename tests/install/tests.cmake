# cmake --install into a temporary prefix: every file in its place, the
# installed command, man page, completions and editor files work, and a C
# program builds against the library with pkg-config.
if(JOURNEY_SANITIZE)
  set(INSTALL_TEST_CFLAGS "-fsanitize=address,undefined")
else()
  set(INSTALL_TEST_CFLAGS "")
endif()
add_test(NAME install
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_install.py
                 ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${CMAKE_C_COMPILER}
                 "${INSTALL_TEST_CFLAGS}")

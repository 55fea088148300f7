# Packaging: cmake --install with DESTDIR stages under it, and cpack with
# the build's configuration makes the .deb and .tar.gz of that staged tree
# (in a temporary directory; CPack's own install step would first rebuild
# a stale build tree under the tests running beside it);
# the .deb, unpacked with dpkg -x into a temporary root, runs and has its
# man page.  Skipped without dpkg-deb.
add_test(NAME package
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_package.py
                 ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR})
set_tests_properties(package PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)

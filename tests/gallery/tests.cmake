# The gallery (docs/gallery.md, docs/gallery/*.png) is what journey draws
# today: scripts/gallery --check draws every picture again and compares
# the bytes.
add_test(NAME render/gallery
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gallery --check --journey $<TARGET_FILE:journey>)
set_tests_properties(render/gallery PROPERTIES TIMEOUT 300)

# The HTML map: the page as bytes (its policy, data and SVG), and in a real
# browser (headless Chromium, one session for all of it; skipped, exit 77,
# where no browser can be driven: scripts/bootstrap installs one).
add_test(NAME html/page
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_page.py $<TARGET_FILE:journey>
                 ${PROJECT_SOURCE_DIR})
add_test(NAME html/browser
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_browser.py $<TARGET_FILE:journey>
                 ${PROJECT_SOURCE_DIR}/examples ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(html/browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

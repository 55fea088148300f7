# The documentation of each diagnostic code, taken from docs/language.md's
# tables (the "Errors" tables: code, what causes it, examples; the
# "Warnings" table: name, default, when), written as C for the SARIF
# rules (src/front/codes.c includes it): what causes it in plain text, that
# and its examples in plain text and in Markdown, and the section that
# documents the code.  The docs are the one source;
# a code without a row gets no help (tests/ci checks every code has one).
#
#   journey_code_docs(MARKDOWN_FILE OUTPUT_FILE)
function(journey_code_docs markdown output)
  file(READ ${markdown} text)
  # CMake lists split at ';': keep the text's own out of the way.
  string(REPLACE ";" "@SEMI@" text "${text}")
  string(REPLACE "\\" "@BSL@" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(section "")
  set(out "/* Generated from docs/language.md by cmake/code_docs.cmake: do not edit. */\n")
  foreach(line IN LISTS lines)
    if(line MATCHES "^##+ (.*)$")
      string(TOLOWER "${CMAKE_MATCH_1}" section)
      string(REGEX REPLACE "[^a-z0-9 -]" "" section "${section}")
      string(REPLACE " " "-" section "${section}")
      continue()
    endif()
    # A row documents one code or several (`invalid-impact`, `invalid-effort`).
    if(NOT line MATCHES "^\\| (`[a-z0-9-]+`(, `[a-z0-9-]+`)*) \\| (.*) \\|$")
      continue()
    endif()
    set(rest "${CMAKE_MATCH_3}")
    string(REGEX MATCHALL "[a-z0-9-]+" names "${CMAKE_MATCH_1}")
    string(FIND "${rest}" " | " bar)
    if(bar LESS 0)
      continue()
    endif()
    string(SUBSTRING "${rest}" 0 ${bar} first)
    math(EXPR bar "${bar} + 3")
    string(SUBSTRING "${rest}" ${bar} -1 second)
    if(section STREQUAL "warnings")
      set(what "${second}")      # name | default | when
      set(examples "")
    elseif(section STREQUAL "reading" OR section STREQUAL "checking")
      set(what "${first}")       # code | what causes it | example
      set(examples "${second}")
    else()
      continue()
    endif()
    # Markdown: the cell as written, examples as a list.
    set(md "${what}")
    string(SUBSTRING "${md}" 0 1 head)
    string(TOUPPER "${head}" head)
    string(SUBSTRING "${md}" 1 -1 tail)
    set(md "${head}${tail}")
    if(NOT md MATCHES "\\.$")
      string(APPEND md ".")
    endif()
    set(plain "${md}")
    set(full "${md}")
    if(examples)
      string(REPLACE "<br>" "\n- " list "${examples}")
      string(APPEND md "\n\nFor example:\n\n- ${list}")
      string(REPLACE "<br>" "\n  " plain_list "${examples}")
      string(APPEND plain "\nFor example:\n  ${plain_list}")
    endif()
    string(REPLACE "`" "" plain "${plain}")
    string(REPLACE "<br>" "\n" plain "${plain}")
    string(REPLACE "`" "" full "${full}")
    # Back to the text's characters, then C.
    foreach(v md plain full)
      string(REPLACE "@BSL@" "\\" ${v} "${${v}}")
      string(REPLACE "@SEMI@" ";" ${v} "${${v}}")
      string(REPLACE "\\" "\\\\" ${v} "${${v}}")
      string(REPLACE "\"" "\\\"" ${v} "${${v}}")
      string(REPLACE "\n" "\\n" ${v} "${${v}}")
    endforeach()
    foreach(name IN LISTS names)
      string(APPEND out "JY_CODE_DOC(\"${name}\", \"${section}\",\n    \"${full}\",\n    \"${plain}\",\n    \"${md}\")\n")
    endforeach()
  endforeach()
  # Written only when it changes (configure_file copies only then), and
  # taken as it is: file(CONFIGURE) would read @NAME@ in the docs' text.
  file(WRITE ${output}.tmp "${out}")
  configure_file(${output}.tmp ${output} COPYONLY)
endfunction()

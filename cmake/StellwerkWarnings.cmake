# stellwerk_target_defaults(target): the project's warning set, kept PRIVATE so that
# callers of a library never inherit our flags.
function(stellwerk_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough)
  if(STELLWERK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# stellwerk_target_defaults(target): the project's warning set, kept PRIVATE so that
# callers of a library never inherit our flags.
function(stellwerk_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Wimplicit-fallthrough
    # GCC 12 at -O2/-O3 reports std::variant and std::optional members of strings as "maybe
    # uninitialized" (GCC bug 105562 and relatives); -Wuninitialized stays on for real cases.
    -Wno-maybe-uninitialized)
  # Not -Wnull-dereference: with -O3, GCC 12 reports false positives inside libstdc++ headers.
  if(STELLWERK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

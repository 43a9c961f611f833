# Cross-building for 64-bit Windows with Debian's MinGW-w64 (the POSIX thread
# model: std::thread and std::mutex need it), run under wine64 by ctest.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(KITTY_WINE64 NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
  if(KITTY_WINE64)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${KITTY_WINE64}")
  endif()
endif()
# Executables link MinGW's runtime (libstdc++, libgcc, winpthread) statically:
# they then start under wine, or on a Windows machine, without those DLLs
# on the PATH (WINEPATH).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# Bakes the front end into MicroPython firmware as the built-in module `logmel` (CMake ports
# such as esp32): idf.py -D USER_C_MODULES=/path/to/earmark/native/micropython.cmake build
add_library(usermod_logmel INTERFACE)
target_sources(usermod_logmel INTERFACE ${CMAKE_CURRENT_LIST_DIR}/logmel_mpy.c)
target_include_directories(usermod_logmel INTERFACE ${CMAKE_CURRENT_LIST_DIR})
target_compile_options(usermod_logmel INTERFACE -ffp-contract=off)
target_link_libraries(usermod INTERFACE usermod_logmel)

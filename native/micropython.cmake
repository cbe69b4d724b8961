# All of Earmark's user C modules, for USER_C_MODULES=.../native/micropython.cmake
include(${CMAKE_CURRENT_LIST_DIR}/logmel/micropython.cmake)

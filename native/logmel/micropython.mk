# Bakes the front end into MicroPython firmware as the built-in module `logmel` (make-based
# ports): make USER_C_MODULES=/path/to/earmark/native
LOGMEL_DIR := $(USERMOD_DIR)
SRC_USERMOD_C += $(LOGMEL_DIR)/logmel_mpy.c
CFLAGS_USERMOD += -I$(LOGMEL_DIR) -ffp-contract=off

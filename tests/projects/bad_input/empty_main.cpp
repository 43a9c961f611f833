// A test program without any test: linked with GTestKitty::main only.

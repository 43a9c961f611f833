// Binds every port of this process's block on loopback for a while, and
// logs when it held them (KITTY_FAULTS_PORT_LOG): two files on one block
// must never overlap.
#pragma once

bool hold_port_block(const char* who);

module contactsync.test/cstool

go 1.24

pub mod layout_tests;

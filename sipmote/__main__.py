from sipmote.launch import main

raise SystemExit(main())

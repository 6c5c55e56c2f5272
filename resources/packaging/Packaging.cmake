# What `cmake --install` puts where, and the Debian package CPack makes of it
# (`./workbench.sh package`, or `cpack --config <build>/CPackConfig.cmake`).
#
#   bin/                         fsr, fsr-engine (fsr runs it from its own folder), fsr-workbench
#   share/fsr-workbench/         presets, explanations, datasets/movietweetings-100k with its LICENSE
#   share/applications/          fsr-workbench.desktop
#   share/icons/hicolor/         the app icon: scalable SVG and PNGs rendered from it at build time
#   share/man/man1/              fsr.1, fsr-engine.1, fsr-workbench.1
#   share/doc/fsr-workbench/     README.md, copyright, changelog.gz
#
# The programs need nothing from share/: the GUI's presets, explanations and icons are compiled
# in, and the CLI takes paths. The files there are for people (`fsr run --config
# /usr/share/fsr-workbench/presets/<preset>.json`); the GUI only points Import at the bundled
# dataset there (ui/installpaths.h).
include(GNUInstallDirs)

set(FSR_PACKAGE_NAME fsr-workbench)
set(FSR_DATA_DIR ${CMAKE_INSTALL_DATADIR}/${FSR_PACKAGE_NAME})
set(FSR_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/${FSR_PACKAGE_NAME})
set(FSR_PACKAGE_MAINTAINER "Few-Shot Recommender Workbench <fsr-workbench@localhost>" CACHE STRING
    "Maintainer field of the Debian package: NAME <EMAIL>")
set(FSR_PACKAGE_DIR ${CMAKE_BINARY_DIR}/packaging)

install(TARGETS fsr fsr-engine RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(FSR_BUILD_UI)
  install(TARGETS fsr-workbench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets/ DESTINATION ${FSR_DATA_DIR}/presets
        FILES_MATCHING PATTERN "*.json" PATTERN "README.md")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/explanations/ DESTINATION ${FSR_DATA_DIR}/explanations
        FILES_MATCHING PATTERN "*.md")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/datasets/movietweetings-100k DESTINATION ${FSR_DATA_DIR}/datasets)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/${FSR_PACKAGE_NAME}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

# Icons: the SVG as the scalable one, and PNGs at the sizes menus, panels and docks ask for, drawn
# from the same SVG so that they never drift from it.
set(FSR_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/app.svg)
install(FILES ${FSR_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${FSR_PACKAGE_NAME}.svg)
# Not in sanitizer builds: the renderer would run instrumented at build time, where a leak
# report from Qt's font set-up would fail the build; those builds are for tests, not installs.
if(TARGET Qt6::Svg AND NOT FSR_SANITIZE)
  add_executable(fsr-rendericon ${CMAKE_CURRENT_LIST_DIR}/rendericon.cpp)
  target_link_libraries(fsr-rendericon PRIVATE Qt6::Gui Qt6::Svg fsr_warnings)
  set(icon_files "")
  foreach(size 16 22 24 32 48 64 128 256)
    set(icon ${FSR_PACKAGE_DIR}/icons/${size}x${size}/${FSR_PACKAGE_NAME}.png)
    add_custom_command(OUTPUT ${icon}
                       COMMAND ${CMAKE_COMMAND} -E make_directory ${FSR_PACKAGE_DIR}/icons/${size}x${size}
                       COMMAND fsr-rendericon ${FSR_ICON_SVG} ${size} ${icon}
                       DEPENDS fsr-rendericon ${FSR_ICON_SVG}
                       COMMENT "Rendering the ${size}x${size} app icon" VERBATIM)
    list(APPEND icon_files ${icon})
    install(FILES ${icon} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  add_custom_target(fsr_icons ALL DEPENDS ${icon_files})
endif()

# Man pages: hand-written roff with the version and the installed paths filled in, compressed as
# Debian installs them.
set(FSR_PRESETS_DIR ${CMAKE_INSTALL_FULL_DATADIR}/${FSR_PACKAGE_NAME}/presets)
set(FSR_DATASETS_DIR ${CMAKE_INSTALL_FULL_DATADIR}/${FSR_PACKAGE_NAME}/datasets)
set(man_files "")
foreach(page fsr fsr-engine fsr-workbench)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${page}.1.in ${FSR_PACKAGE_DIR}/man/${page}.1 @ONLY)
  set(man ${FSR_PACKAGE_DIR}/man/${page}.1.gz)
  add_custom_command(OUTPUT ${man}
                     COMMAND gzip -9 -n -k -f ${FSR_PACKAGE_DIR}/man/${page}.1
                     DEPENDS ${FSR_PACKAGE_DIR}/man/${page}.1 VERBATIM)
  list(APPEND man_files ${man})
endforeach()
add_custom_target(fsr_man_pages ALL DEPENDS ${man_files})
install(FILES ${man_files} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Documentation: Debian's copyright file (the bundled dataset's MIT terms included) and a
# changelog entry for this version, dated by SOURCE_DATE_EPOCH when set so a rebuild is identical.
string(TIMESTAMP FSR_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${FSR_PACKAGE_DIR}/changelog @ONLY)
add_custom_command(OUTPUT ${FSR_PACKAGE_DIR}/changelog.gz
                   COMMAND gzip -9 -n -k -f ${FSR_PACKAGE_DIR}/changelog
                   DEPENDS ${FSR_PACKAGE_DIR}/changelog VERBATIM)
add_custom_target(fsr_changelog ALL DEPENDS ${FSR_PACKAGE_DIR}/changelog.gz)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${FSR_DOC_DIR})
# A version without a Debian revision makes a native package, whose changelog is changelog.gz.
install(FILES ${FSR_PACKAGE_DIR}/changelog.gz DESTINATION ${FSR_DOC_DIR})

# The Debian package. Its dependencies are the runtime halves of the -dev packages the README's
# set-up installs: dpkg-shlibdeps reads them (with their minimum versions) off the binaries'
# linked libraries; OpenBLAS is added by hand because nothing links it: LibTorch reaches BLAS
# through libblas.so.3, and without OpenBLAS behind that name training is 10-15x slower.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${FSR_PACKAGE_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${FSR_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "workbench for few-shot (cold-start) recommenders")
# The lines under the summary; CPack indents them as Debian's control format wants.
set(CPACK_PACKAGE_DESCRIPTION
    "Load rating datasets (MovieLens, MovieTweetings or CSV) into SQLite, pick a
base model and an adaptation method (fine-tuning, MAML, Reptile and more),
train on CPU or CUDA, and look at loss curves, attention weights and each
user's recommendations before and after adaptation. The same engine runs
headless as the fsr command line. Includes the MovieTweetings 100K sample and
ready experiment presets.")
# The package installs where this build was configured to (the man pages name those paths);
# `./workbench.sh package` configures /usr, as Debian packages use.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-openmp")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/package)
include(CPack)

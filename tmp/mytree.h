


    // !!! This file is generated using emlearn !!!

    #include <stdint.h>
    

static inline int32_t mytree_tree_0(const int16_t *features, int32_t features_length) {
          if (features[88] < 1571) {
              if (features[91] < 875) {
                  if (features[65] < 248) {
                      if (features[64] < 76) {
                          return 0;
                      } else {
                          if (features[75] < 153) {
                              return 8;
                          } else {
                              return 7;
                          }
                      }
                  } else {
                      if (features[35] < -680) {
                          if (features[24] < -430) {
                              if (features[63] < 340) {
                                  return 10;
                              } else {
                                  return 9;
                              }
                          } else {
                              if (features[21] < 121) {
                                  if (features[120] < -3439) {
                                      return 9;
                                  } else {
                                      if (features[71] < 197) {
                                          return 0;
                                      } else {
                                          if (features[124] < 116) {
                                              if (features[58] < 112) {
                                                  return 10;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[38] < -1798) {
                                      if (features[20] < 943) {
                                          if (features[31] < -1552) {
                                              return 10;
                                          } else {
                                              if (features[47] < 255) {
                                                  return 9;
                                              } else {
                                                  return 7;
                                              }
                                          }
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[55] < 140) {
                              return 10;
                          } else {
                              if (features[43] < 296) {
                                  if (features[10] < -394) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[126] < 42) {
                      if (features[73] < 238) {
                          if (features[18] < 230) {
                              if (features[52] < 462) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[32] < 97) {
                              if (features[53] < 873) {
                                  if (features[64] < 125) {
                                      return 0;
                                  } else {
                                      if (features[0] < 559) {
                                          return 10;
                                      } else {
                                          if (features[105] < 1378) {
                                              if (features[76] < 335) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[90] < 934) {
                                      return 7;
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              if (features[26] < -2) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          }
                      }
                  } else {
                      if (features[17] < 647) {
                          if (features[53] < 367) {
                              return 10;
                          } else {
                              return 8;
                          }
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[37] < -519) {
                  if (features[126] < 7) {
                      if (features[0] < 2464) {
                          if (features[34] < -1237) {
                              if (features[125] < 2512) {
                                  if (features[45] < 654) {
                                      return 10;
                                  } else {
                                      if (features[15] < 125) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[57] < 757) {
                                  if (features[27] < -239) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[95] < 4591) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[40] < 471) {
                              if (features[29] < -1199) {
                                  return 1;
                              } else {
                                  if (features[22] < -241) {
                                      return 10;
                                  } else {
                                      return 4;
                                  }
                              }
                          } else {
                              if (features[27] < -543) {
                                  if (features[17] < -16) {
                                      return 1;
                                  } else {
                                      if (features[121] < -3157) {
                                          return 4;
                                      } else {
                                          if (features[126] < 2) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[18] < 138) {
                          if (features[40] < 620) {
                              if (features[49] < 740) {
                                  if (features[81] < 1327) {
                                      return 0;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[42] < 1005) {
                                      return 10;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[75] < 330) {
                                  return 10;
                              } else {
                                  if (features[12] < 757) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[2] < 102) {
                              if (features[56] < 382) {
                                  return 8;
                              } else {
                                  if (features[110] < 1872) {
                                      if (features[6] < 272) {
                                          return 8;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[33] < -1397) {
                                          return 2;
                                      } else {
                                          return 7;
                                      }
                                  }
                              }
                          } else {
                              if (features[29] < -935) {
                                  if (features[16] < 408) {
                                      if (features[93] < 3582) {
                                          if (features[67] < 512) {
                                              return 10;
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[43] < 1000) {
                                      return 10;
                                  } else {
                                      if (features[4] < 1301) {
                                          return 2;
                                      } else {
                                          if (features[13] < 1139) {
                                              return 3;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[14] < 234) {
                      if (features[111] < 1633) {
                          if (features[44] < 1024) {
                              return 5;
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[75] < 539) {
                              if (features[26] < -376) {
                                  return 0;
                              } else {
                                  if (features[36] < -261) {
                                      if (features[122] < -5071) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[3] < -2677) {
                          return 8;
                      } else {
                          if (features[80] < 1960) {
                              return 6;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_1(const int16_t *features, int32_t features_length) {
          if (features[44] < 722) {
              if (features[83] < 1513) {
                  if (features[94] < 880) {
                      if (features[88] < 414) {
                          if (features[99] < 568) {
                              return 8;
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[21] < 408) {
                              if (features[79] < 273) {
                                  if (features[62] < 347) {
                                      if (features[32] < -663) {
                                          if (features[54] < 164) {
                                              return 10;
                                          } else {
                                              if (features[17] < 428) {
                                                  if (features[120] < -3656) {
                                                      return 9;
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  return 8;
                                              }
                                          }
                                      } else {
                                          if (features[58] < 123) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  } else {
                                      if (features[83] < 922) {
                                          if (features[15] < -187) {
                                              return 1;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 9;
                              }
                          } else {
                              if (features[78] < 267) {
                                  if (features[50] < 243) {
                                      return 10;
                                  } else {
                                      if (features[113] < 827) {
                                          return 8;
                                      } else {
                                          if (features[7] < 59) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[75] < 238) {
                          if (features[2] < -909) {
                              return 6;
                          } else {
                              if (features[17] < 656) {
                                  if (features[108] < 1191) {
                                      return 10;
                                  } else {
                                      if (features[12] < 254) {
                                          if (features[37] < -494) {
                                              return 0;
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[84] < 1421) {
                                      return 8;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[33] < -89) {
                              if (features[63] < 131) {
                                  return 0;
                              } else {
                                  if (features[67] < 468) {
                                      if (features[50] < 502) {
                                          return 10;
                                      } else {
                                          if (features[91] < 1330) {
                                              return 10;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[41] < 302) {
                                  if (features[7] < 34) {
                                      return 9;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 5;
                              }
                          }
                      }
                  }
              } else {
                  if (features[23] < 82) {
                      if (features[20] < -117) {
                          return 10;
                      } else {
                          if (features[59] < 236) {
                              return 10;
                          } else {
                              if (features[16] < -18) {
                                  return 5;
                              } else {
                                  return 4;
                              }
                          }
                      }
                  } else {
                      if (features[74] < 214) {
                          if (features[29] < 799) {
                              return 8;
                          } else {
                              return 0;
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[4] < 1066) {
                  if (features[15] < 542) {
                      if (features[121] < -495) {
                          if (features[33] < -31) {
                              if (features[122] < -6107) {
                                  if (features[5] < 856) {
                                      if (features[102] < 6395) {
                                          return 10;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[1] < 737) {
                                      if (features[64] < 325) {
                                          if (features[27] < 1425) {
                                              return 0;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          if (features[73] < 462) {
                                              if (features[82] < 1189) {
                                                  return 8;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      if (features[84] < 1354) {
                                          return 0;
                                      } else {
                                          return 4;
                                      }
                                  }
                              }
                          } else {
                              if (features[21] < 229) {
                                  if (features[12] < -120) {
                                      return 5;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 5;
                      }
                  } else {
                      if (features[17] < 1450) {
                          if (features[34] < -1171) {
                              if (features[28] < -436) {
                                  if (features[50] < 852) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[36] < -788) {
                                  return 2;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[82] < 1852) {
                      if (features[11] < 1053) {
                          if (features[74] < 362) {
                              return 0;
                          } else {
                              if (features[15] < 553) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[87] < 2347) {
                              return 3;
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[27] < -607) {
                          if (features[48] < 2430) {
                              if (features[20] < -230) {
                                  if (features[0] < 1588) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[117] < 2102) {
                                      if (features[16] < 601) {
                                          return 4;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[125] < 3178) {
                                          if (features[109] < 2364) {
                                              return 3;
                                          } else {
                                              if (features[1] < 1778) {
                                                  return 2;
                                              } else {
                                                  return 1;
                                              }
                                          }
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[10] < 1708) {
                              if (features[52] < 765) {
                                  if (features[14] < 40) {
                                      return 1;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[74] < 397) {
                                      if (features[97] < 3342) {
                                          return 6;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[7] < 1762) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              return 7;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_2(const int16_t *features, int32_t features_length) {
          if (features[123] < 343) {
              if (features[16] < 970) {
                  if (features[10] < 1897) {
                      if (features[42] < 322) {
                          if (features[122] < -1342) {
                              if (features[64] < 247) {
                                  if (features[34] < -1409) {
                                      return 8;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[4] < 476) {
                                      if (features[0] < -112) {
                                          return 10;
                                      } else {
                                          if (features[49] < 664) {
                                              return 9;
                                          } else {
                                              return 8;
                                          }
                                      }
                                  } else {
                                      if (features[79] < 274) {
                                          if (features[5] < 1322) {
                                              if (features[107] < 463) {
                                                  return 10;
                                              } else {
                                                  if (features[69] < 321) {
                                                      if (features[91] < 1112) {
                                                          if (features[19] < -247) {
                                                              return 9;
                                                          } else {
                                                              return 7;
                                                          }
                                                      } else {
                                                          return 8;
                                                      }
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          } else {
                                              if (features[63] < 330) {
                                                  if (features[54] < 145) {
                                                      return 9;
                                                  } else {
                                                      if (features[47] < 285) {
                                                          return 7;
                                                      } else {
                                                          return 10;
                                                      }
                                                  }
                                              } else {
                                                  if (features[120] < -3773) {
                                                      return 10;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          }
                                      } else {
                                          if (features[114] < 1668) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[45] < 804) {
                              if (features[50] < 673) {
                                  if (features[124] < 67) {
                                      if (features[11] < 579) {
                                          return 0;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[39] < -605) {
                                          if (features[84] < 711) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      if (features[14] < 9) {
                          if (features[87] < 2149) {
                              return 0;
                          } else {
                              return 8;
                          }
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[118] < 1310) {
                      if (features[1] < 2206) {
                          return 8;
                      } else {
                          return 10;
                      }
                  } else {
                      return 10;
                  }
              }
          } else {
              if (features[7] < 385) {
                  if (features[39] < -859) {
                      if (features[63] < 338) {
                          if (features[110] < 1400) {
                              if (features[98] < 1488) {
                                  return 7;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[56] < 1176) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          }
                      } else {
                          if (features[50] < 608) {
                              if (features[20] < -219) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[5] < 387) {
                                  if (features[15] < 847) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[113] < 2985) {
                                      if (features[122] < -6595) {
                                          return 7;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[41] < 461) {
                          return 10;
                      } else {
                          if (features[18] < 682) {
                              if (features[79] < 227) {
                                  return 6;
                              } else {
                                  if (features[111] < 3675) {
                                      if (features[13] < 413) {
                                          return 5;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[18] < -277) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[0] < 3137) {
                      if (features[75] < 439) {
                          if (features[28] < -757) {
                              if (features[89] < 1578) {
                                  return 7;
                              } else {
                                  if (features[14] < 309) {
                                      return 1;
                                  } else {
                                      if (features[8] < 1570) {
                                          if (features[106] < 1894) {
                                              return 4;
                                          } else {
                                              if (features[91] < 3334) {
                                                  return 2;
                                              } else {
                                                  return 2;
                                              }
                                          }
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[24] < -137) {
                                  if (features[65] < 347) {
                                      return 0;
                                  } else {
                                      if (features[47] < 906) {
                                          if (features[25] < -276) {
                                              if (features[125] < 1058) {
                                                  return 10;
                                              } else {
                                                  if (features[15] < 40) {
                                                      return 1;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          if (features[35] < -1212) {
                                              if (features[14] < 377) {
                                                  return 10;
                                              } else {
                                                  if (features[72] < 446) {
                                                      return 2;
                                                  } else {
                                                      return 1;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[2] < 636) {
                                      if (features[43] < 498) {
                                          return 10;
                                      } else {
                                          if (features[59] < 1831) {
                                              return 6;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  } else {
                                      if (features[84] < 5049) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[16] < 159) {
                              if (features[104] < 3288) {
                                  return 3;
                              } else {
                                  if (features[50] < 1647) {
                                      return 10;
                                  } else {
                                      if (features[113] < 3218) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[34] < -1174) {
                                  if (features[1] < 1426) {
                                      if (features[40] < 364) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[111] < 2696) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[98] < 1945) {
                          return 4;
                      } else {
                          return 1;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_3(const int16_t *features, int32_t features_length) {
          if (features[41] < 462) {
              if (features[44] < 335) {
                  if (features[35] < -716) {
                      if (features[63] < 310) {
                          if (features[8] < 606) {
                              if (features[12] < 197) {
                                  if (features[85] < 344) {
                                      return 8;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[23] < -163) {
                                  if (features[19] < -367) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[0] < 349) {
                              return 10;
                          } else {
                              if (features[103] < 531) {
                                  if (features[6] < 1377) {
                                      if (features[17] < -166) {
                                          return 9;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[71] < 309) {
                                      if (features[4] < 1396) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[26] < -655) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[49] < 423) {
                          if (features[10] < 1107) {
                              if (features[55] < 147) {
                                  return 10;
                              } else {
                                  if (features[0] < 16) {
                                      if (features[20] < 210) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[116] < 1543) {
                              return 0;
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[13] < 1327) {
                      if (features[66] < 465) {
                          if (features[34] < -1425) {
                              if (features[92] < 1451) {
                                  if (features[123] < 110) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[45] < 492) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[122] < -4697) {
                                  return 10;
                              } else {
                                  if (features[43] < 664) {
                                      if (features[66] < 319) {
                                          if (features[13] < 859) {
                                              return 0;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[18] < 223) {
                                              if (features[18] < -3) {
                                                  if (features[0] < -341) {
                                                      return 5;
                                                  } else {
                                                      return 0;
                                                  }
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              if (features[26] < 205) {
                                                  return 10;
                                              } else {
                                                  return 8;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[49] < 733) {
                                          return 0;
                                      } else {
                                          if (features[126] < 51) {
                                              return 6;
                                          } else {
                                              return 8;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[78] < 420) {
                              if (features[31] < -741) {
                                  return 10;
                              } else {
                                  if (features[3] < 2) {
                                      return 6;
                                  } else {
                                      return 4;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[10] < -196) {
                          return 6;
                      } else {
                          if (features[119] < 1772) {
                              return 8;
                          } else {
                              return 2;
                          }
                      }
                  }
              }
          } else {
              if (features[38] < -428) {
                  if (features[5] < 1221) {
                      if (features[53] < 754) {
                          if (features[113] < 1180) {
                              if (features[95] < 2509) {
                                  if (features[18] < 1196) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[31] < -361) {
                                  if (features[13] < 108) {
                                      return 1;
                                  } else {
                                      if (features[126] < 16) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[109] < 2583) {
                              if (features[2] < 575) {
                                  if (features[7] < 1895) {
                                      if (features[77] < 442) {
                                          return 6;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[32] < -1055) {
                                  if (features[14] < 348) {
                                      return 10;
                                  } else {
                                      if (features[125] < 3848) {
                                          return 2;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[11] < 1485) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[11] < 1145) {
                          if (features[126] < 8) {
                              if (features[97] < 2303) {
                                  if (features[16] < 205) {
                                      return 3;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[29] < -790) {
                                      if (features[27] < -607) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[7] < 1682) {
                                  if (features[98] < 1618) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[107] < 2061) {
                                      return 8;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[109] < 2379) {
                              if (features[29] < -899) {
                                  if (features[32] < -2088) {
                                      if (features[100] < 2304) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[57] < 286) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[71] < 577) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              } else {
                  if (features[21] < 394) {
                      if (features[74] < 504) {
                          if (features[39] < -745) {
                              return 10;
                          } else {
                              if (features[23] < -269) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      return 6;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_4(const int16_t *features, int32_t features_length) {
          if (features[96] < 1426) {
              if (features[36] < -1198) {
                  if (features[16] < 904) {
                      if (features[87] < 771) {
                          if (features[69] < 208) {
                              return 8;
                          } else {
                              if (features[62] < 330) {
                                  if (features[8] < 1231) {
                                      return 7;
                                  } else {
                                      if (features[111] < 415) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[27] < -128) {
                                      return 9;
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      } else {
                          if (features[46] < 847) {
                              if (features[76] < 357) {
                                  if (features[2] < 2146) {
                                      if (features[121] < -1522) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 9;
                              }
                          } else {
                              return 7;
                          }
                      }
                  } else {
                      if (features[111] < 746) {
                          if (features[23] < -469) {
                              return 7;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[125] < 351) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[43] < 372) {
                      if (features[65] < 271) {
                          if (features[110] < 369) {
                              return 7;
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[35] < -363) {
                              if (features[56] < 168) {
                                  return 10;
                              } else {
                                  if (features[75] < 292) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[59] < 720) {
                                  if (features[72] < 234) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[63] < 295) {
                          return 0;
                      } else {
                          if (features[24] < -226) {
                              return 10;
                          } else {
                              if (features[30] < -79) {
                                  if (features[117] < 670) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[76] < 240) {
                                      return 6;
                                  } else {
                                      if (features[37] < -509) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[32] < -950) {
                  if (features[4] < 1190) {
                      if (features[38] < -1297) {
                          if (features[12] < 1047) {
                              return 2;
                          } else {
                              return 2;
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[126] < 7) {
                          if (features[84] < 1793) {
                              return 10;
                          } else {
                              if (features[70] < 429) {
                                  if (features[25] < -970) {
                                      return 1;
                                  } else {
                                      if (features[47] < 1179) {
                                          if (features[40] < 606) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[46] < 2964) {
                                      if (features[29] < -823) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[11] < 1053) {
                              if (features[1] < 1312) {
                                  return 2;
                              } else {
                                  if (features[82] < 1974) {
                                      return 3;
                                  } else {
                                      if (features[24] < -551) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          } else {
                              if (features[86] < 1947) {
                                  return 10;
                              } else {
                                  if (features[126] < 22) {
                                      return 2;
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[13] < 198) {
                      if (features[27] < -178) {
                          if (features[86] < 2047) {
                              if (features[64] < 332) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[69] < 563) {
                                  if (features[58] < 1291) {
                                      if (features[19] < 25) {
                                          if (features[91] < 2498) {
                                              return 0;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[37] < -589) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[39] < -823) {
                              if (features[78] < 299) {
                                  if (features[29] < -128) {
                                      return 0;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[23] < 507) {
                                  if (features[119] < 1019) {
                                      return 0;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  if (features[3] < -1027) {
                                      if (features[34] < 762) {
                                          return 6;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[3] < 86) {
                          if (features[6] < -608) {
                              if (features[123] < 323) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[74] < 434) {
                                  if (features[58] < 294) {
                                      return 8;
                                  } else {
                                      if (features[15] < 234) {
                                          return 6;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[10] < 669) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[54] < 831) {
                              if (features[43] < 417) {
                                  return 10;
                              } else {
                                  if (features[44] < 964) {
                                      if (features[53] < 827) {
                                          if (features[0] < -507) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[67] < 685) {
                                  if (features[40] < 803) {
                                      return 6;
                                  } else {
                                      if (features[2] < 2389) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_5(const int16_t *features, int32_t features_length) {
          if (features[84] < 1404) {
              if (features[48] < 318) {
                  if (features[9] < 1997) {
                      if (features[76] < 263) {
                          if (features[6] < 286) {
                              if (features[74] < 204) {
                                  return 10;
                              } else {
                                  return 9;
                              }
                          } else {
                              if (features[5] < 1293) {
                                  if (features[36] < -1388) {
                                      if (features[20] < 385) {
                                          return 7;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[54] < 165) {
                                          return 10;
                                      } else {
                                          if (features[19] < 613) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[46] < 287) {
                                      if (features[121] < -1659) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[26] < -162) {
                              return 9;
                          } else {
                              if (features[0] < 74) {
                                  return 10;
                              } else {
                                  return 9;
                              }
                          }
                      }
                  } else {
                      if (features[64] < 130) {
                          return 0;
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[2] < -385) {
                      if (features[83] < 1291) {
                          if (features[7] < 2129) {
                              if (features[122] < -4317) {
                                  return 10;
                              } else {
                                  if (features[34] < -169) {
                                      return 8;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[36] < 199) {
                              return 6;
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[69] < 291) {
                          if (features[34] < -1008) {
                              if (features[123] < 146) {
                                  return 8;
                              } else {
                                  if (features[95] < 606) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[23] < -706) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[76] < 312) {
                              if (features[125] < 927) {
                                  if (features[64] < 215) {
                                      return 0;
                                  } else {
                                      if (features[31] < 51) {
                                          if (features[39] < -2112) {
                                              return 2;
                                          } else {
                                              if (features[8] < 112) {
                                                  return 4;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[115] < 1860) {
                                  if (features[2] < 2915) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[3] < 1152) {
                  if (features[34] < -1072) {
                      if (features[62] < 340) {
                          if (features[7] < 1344) {
                              return 7;
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[28] < -605) {
                              if (features[88] < 1367) {
                                  return 7;
                              } else {
                                  if (features[17] < 66) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[39] < -680) {
                          if (features[2] < 487) {
                              if (features[75] < 417) {
                                  if (features[16] < 1315) {
                                      if (features[107] < 3079) {
                                          if (features[42] < 514) {
                                              return 4;
                                          } else {
                                              if (features[115] < 763) {
                                                  return 8;
                                              } else {
                                                  return 6;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[8] < 367) {
                                      return 5;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[53] < 967) {
                                  if (features[124] < 178) {
                                      return 10;
                                  } else {
                                      if (features[7] < 204) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[12] < 183) {
                              if (features[75] < 566) {
                                  if (features[81] < 996) {
                                      return 9;
                                  } else {
                                      if (features[111] < 3804) {
                                          return 5;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[10] < 1430) {
                                  if (features[61] < 310) {
                                      return 7;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 0;
                              }
                          }
                      }
                  }
              } else {
                  if (features[27] < -814) {
                      if (features[124] < 233) {
                          if (features[32] < -1609) {
                              if (features[40] < 439) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[10] < 753) {
                                  return 10;
                              } else {
                                  if (features[73] < 295) {
                                      return 1;
                                  } else {
                                      return 4;
                                  }
                              }
                          }
                      } else {
                          if (features[0] < 2218) {
                              if (features[106] < 2846) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          } else {
                              return 1;
                          }
                      }
                  } else {
                      if (features[54] < 677) {
                          if (features[17] < -133) {
                              return 1;
                          } else {
                              if (features[125] < 1093) {
                                  return 10;
                              } else {
                                  if (features[49] < 892) {
                                      return 4;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[102] < 3268) {
                              if (features[17] < 386) {
                                  if (features[83] < 3327) {
                                      if (features[64] < 351) {
                                          return 0;
                                      } else {
                                          if (features[75] < 368) {
                                              return 3;
                                          } else {
                                              return 3;
                                          }
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[54] < 1610) {
                                  if (features[28] < -623) {
                                      return 1;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[117] < 2396) {
                                      return 3;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_6(const int16_t *features, int32_t features_length) {
          if (features[43] < 706) {
              if (features[63] < 408) {
                  if (features[124] < 82) {
                      if (features[3] < 7) {
                          if (features[53] < 208) {
                              if (features[39] < -967) {
                                  return 7;
                              } else {
                                  return 9;
                              }
                          } else {
                              if (features[13] < 437) {
                                  return 6;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[36] < -1253) {
                              if (features[9] < 1112) {
                                  if (features[45] < 509) {
                                      if (features[55] < 147) {
                                          if (features[59] < 128) {
                                              return 9;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          if (features[17] < 881) {
                                              return 7;
                                          } else {
                                              return 8;
                                          }
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[19] < 610) {
                                      if (features[2] < 2153) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[124] < 62) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[107] < 486) {
                                  if (features[87] < 1101) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[46] < 245) {
                                      return 9;
                                  } else {
                                      if (features[108] < 1371) {
                                          if (features[27] < -45) {
                                              if (features[35] < -698) {
                                                  return 7;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[33] < -534) {
                          if (features[25] < -368) {
                              if (features[2] < 1819) {
                                  if (features[63] < 103) {
                                      return 0;
                                  } else {
                                      if (features[83] < 2085) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[21] < 658) {
                                  if (features[94] < 922) {
                                      return 7;
                                  } else {
                                      if (features[45] < 537) {
                                          return 10;
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[100] < 863) {
                              return 9;
                          } else {
                              if (features[56] < 1331) {
                                  if (features[105] < 1831) {
                                      if (features[43] < 314) {
                                          return 9;
                                      } else {
                                          if (features[29] < -129) {
                                              return 10;
                                          } else {
                                              if (features[2] < -448) {
                                                  return 6;
                                              } else {
                                                  return 5;
                                              }
                                          }
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[42] < 395) {
                      if (features[91] < 835) {
                          return 9;
                      } else {
                          if (features[28] < 346) {
                              return 10;
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[72] < 535) {
                          if (features[85] < 1473) {
                              return 10;
                          } else {
                              if (features[44] < 770) {
                                  return 4;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[7] < 415) {
                  if (features[121] < -579) {
                      if (features[12] < 355) {
                          if (features[35] < 400) {
                              if (features[76] < 280) {
                                  return 6;
                              } else {
                                  if (features[98] < 1313) {
                                      return 9;
                                  } else {
                                      if (features[3] < 668) {
                                          return 5;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[14] < 1101) {
                              if (features[73] < 425) {
                                  if (features[85] < 2568) {
                                      return 6;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[121] < -1301) {
                                  return 6;
                              } else {
                                  return 8;
                              }
                          }
                      }
                  } else {
                      if (features[13] < 377) {
                          return 5;
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[126] < 7) {
                      if (features[41] < 1146) {
                          if (features[29] < -865) {
                              if (features[61] < 486) {
                                  if (features[73] < 502) {
                                      if (features[1] < 1962) {
                                          return 2;
                                      } else {
                                          if (features[81] < 900) {
                                              return 0;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[7] < 1387) {
                                  if (features[44] < 1019) {
                                      if (features[14] < 465) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[89] < 3247) {
                                          return 3;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[47] < 2466) {
                              if (features[26] < -423) {
                                  return 1;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[40] < 603) {
                          if (features[126] < 38) {
                              if (features[16] < 394) {
                                  if (features[1] < 423) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[31] < -1206) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[16] < 344) {
                              if (features[71] < 413) {
                                  if (features[116] < 896) {
                                      return 1;
                                  } else {
                                      if (features[3] < 1104) {
                                          return 0;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[49] < 2463) {
                                      if (features[2] < 1458) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[113] < 2283) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_7(const int16_t *features, int32_t features_length) {
          if (features[90] < 1600) {
              if (features[65] < 278) {
                  if (features[15] < 885) {
                      if (features[18] < 536) {
                          if (features[24] < 909) {
                              if (features[52] < 1061) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[114] < 942) {
                          return 8;
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[49] < 299) {
                      if (features[78] < 255) {
                          if (features[32] < -847) {
                              if (features[3] < 1862) {
                                  if (features[58] < 118) {
                                      return 9;
                                  } else {
                                      if (features[19] < 622) {
                                          if (features[124] < 75) {
                                              if (features[0] < 63) {
                                                  return 8;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[120] < -3822) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              if (features[29] < -72) {
                                  if (features[22] < 62) {
                                      return 10;
                                  } else {
                                      if (features[8] < 503) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[121] < -1030) {
                                      if (features[88] < 1049) {
                                          return 9;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          return 9;
                      }
                  } else {
                      if (features[125] < 298) {
                          if (features[23] < -142) {
                              if (features[79] < 253) {
                                  if (features[25] < -359) {
                                      return 10;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[12] < 211) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[39] < -744) {
                              if (features[66] < 295) {
                                  return 0;
                              } else {
                                  if (features[86] < 1612) {
                                      if (features[62] < 280) {
                                          return 0;
                                      } else {
                                          if (features[83] < 544) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[78] < 227) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[86] < 927) {
                                  return 10;
                              } else {
                                  if (features[78] < 494) {
                                      if (features[24] < 668) {
                                          return 5;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[5] < 970) {
                  if (features[59] < 764) {
                      if (features[16] < 1248) {
                          if (features[124] < 194) {
                              if (features[34] < -1352) {
                                  return 2;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[78] < 482) {
                                  if (features[46] < 997) {
                                      if (features[18] < -73) {
                                          return 1;
                                      } else {
                                          if (features[42] < 403) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[115] < 1254) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[12] < 181) {
                          if (features[38] < -424) {
                              if (features[24] < 511) {
                                  if (features[38] < -695) {
                                      return 10;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[15] < 581) {
                                  if (features[76] < 614) {
                                      return 5;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          if (features[37] < -1349) {
                              if (features[80] < 1603) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[73] < 623) {
                                  if (features[97] < 3635) {
                                      if (features[23] < -36) {
                                          return 6;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[4] < -308) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[2] < 1539) {
                      if (features[33] < -1108) {
                          if (features[86] < 1942) {
                              return 2;
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[22] < 91) {
                              if (features[12] < 344) {
                                  if (features[84] < 2155) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[101] < 4836) {
                                      if (features[32] < -581) {
                                          if (features[113] < 3005) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[109] < 2091) {
                                  return 6;
                              } else {
                                  if (features[52] < 1624) {
                                      return 6;
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[126] < 7) {
                          if (features[47] < 623) {
                              if (features[123] < 393) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[65] < 461) {
                                  if (features[88] < 3627) {
                                      return 4;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[29] < -761) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[56] < 640) {
                              if (features[125] < 2244) {
                                  if (features[74] < 398) {
                                      return 2;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[118] < 1224) {
                                  return 0;
                              } else {
                                  if (features[75] < 331) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_8(const int16_t *features, int32_t features_length) {
          if (features[64] < 398) {
              if (features[9] < 2287) {
                  if (features[98] < 970) {
                      if (features[74] < 310) {
                          if (features[52] < 198) {
                              if (features[39] < -2182) {
                                  return 9;
                              } else {
                                  if (features[107] < 652) {
                                      if (features[13] < 806) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              if (features[64] < 269) {
                                  if (features[113] < 1004) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[97] < 864) {
                                      if (features[37] < -1190) {
                                          if (features[7] < 1285) {
                                              if (features[68] < 320) {
                                                  return 7;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[18] < 376) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[120] < -1547) {
                              return 9;
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[39] < -195) {
                          if (features[121] < -2809) {
                              if (features[42] < 3458) {
                                  if (features[44] < 274) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[123] < 178) {
                                  if (features[50] < 348) {
                                      if (features[18] < 525) {
                                          return 9;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[2] < -555) {
                                      if (features[33] < -224) {
                                          return 7;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[96] < 871) {
                                          return 7;
                                      } else {
                                          if (features[86] < 1168) {
                                              if (features[17] < 366) {
                                                  if (features[61] < 168) {
                                                      return 10;
                                                  } else {
                                                      return 0;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              if (features[29] < -1071) {
                                                  return 2;
                                              } else {
                                                  if (features[123] < 1552) {
                                                      if (features[36] < -1565) {
                                                          return 2;
                                                      } else {
                                                          if (features[120] < -4008) {
                                                              return 10;
                                                          } else {
                                                              if (features[65] < 325) {
                                                                  return 0;
                                                              } else {
                                                                  return 10;
                                                              }
                                                          }
                                                      }
                                                  } else {
                                                      return 7;
                                                  }
                                              }
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[86] < 943) {
                              if (features[125] < 961) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 5;
                          }
                      }
                  }
              } else {
                  if (features[22] < 97) {
                      return 0;
                  } else {
                      if (features[17] < -73) {
                          return 0;
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[38] < -428) {
                  if (features[4] < 1227) {
                      if (features[12] < 740) {
                          if (features[51] < 819) {
                              if (features[82] < 1397) {
                                  return 10;
                              } else {
                                  if (features[120] < -2453) {
                                      if (features[17] < -18) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[39] < -1134) {
                                  if (features[103] < 2276) {
                                      return 6;
                                  } else {
                                      if (features[34] < -1218) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[14] < 340) {
                                      if (features[12] < 122) {
                                          return 10;
                                      } else {
                                          if (features[16] < 73) {
                                              return 6;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[101] < 2709) {
                              if (features[17] < 1472) {
                                  if (features[31] < -580) {
                                      if (features[23] < -62) {
                                          if (features[34] < -1614) {
                                              return 1;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[19] < 231) {
                                              if (features[34] < -1067) {
                                                  return 2;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              if (features[41] < 664) {
                                                  return 10;
                                              } else {
                                                  return 2;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[78] < 438) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[38] < -1359) {
                                  return 2;
                              } else {
                                  if (features[108] < 2663) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[0] < 2578) {
                          if (features[106] < 3426) {
                              if (features[73] < 434) {
                                  if (features[42] < 789) {
                                      if (features[81] < 1484) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      if (features[35] < -1797) {
                                          return 2;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[42] < 808) {
                                      return 10;
                                  } else {
                                      if (features[8] < 1984) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[98] < 3015) {
                                  return 10;
                              } else {
                                  if (features[126] < 4) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[125] < 1112) {
                              return 10;
                          } else {
                              if (features[15] < -347) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              } else {
                  if (features[77] < 610) {
                      if (features[14] < 297) {
                          if (features[121] < -1064) {
                              if (features[0] < 1430) {
                                  if (features[3] < -1459) {
                                      return 6;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          return 6;
                      }
                  } else {
                      return 10;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_9(const int16_t *features, int32_t features_length) {
          if (features[51] < 459) {
              if (features[17] < 804) {
                  if (features[83] < 870) {
                      if (features[64] < 229) {
                          if (features[42] < 145) {
                              return 8;
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[76] < 280) {
                              if (features[5] < 299) {
                                  if (features[2] < 772) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[19] < -246) {
                                      if (features[87] < 746) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[38] < -1377) {
                                          if (features[7] < 1285) {
                                              if (features[91] < 1215) {
                                                  if (features[59] < 128) {
                                                      return 7;
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              if (features[56] < 184) {
                                                  return 9;
                                              } else {
                                                  return 8;
                                              }
                                          }
                                      } else {
                                          if (features[114] < 507) {
                                              if (features[7] < 332) {
                                                  return 7;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 7;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[21] < 423) {
                                  return 9;
                              } else {
                                  if (features[35] < -1483) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[100] < 1376) {
                          if (features[61] < 401) {
                              return 10;
                          } else {
                              return 4;
                          }
                      } else {
                          if (features[43] < 669) {
                              return 10;
                          } else {
                              if (features[67] < 349) {
                                  return 0;
                              } else {
                                  if (features[19] < -413) {
                                      return 1;
                                  } else {
                                      return 0;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[31] < -1554) {
                      return 10;
                  } else {
                      return 8;
                  }
              }
          } else {
              if (features[6] < 748) {
                  if (features[36] < -259) {
                      if (features[3] < -792) {
                          if (features[15] < 1153) {
                              return 8;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[47] < 772) {
                              if (features[62] < 404) {
                                  if (features[94] < 752) {
                                      return 9;
                                  } else {
                                      if (features[7] < 1663) {
                                          if (features[11] < 1035) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  if (features[75] < 543) {
                                      if (features[112] < 1105) {
                                          return 10;
                                      } else {
                                          if (features[3] < 1064) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[13] < 387) {
                                  if (features[120] < -4687) {
                                      if (features[65] < 293) {
                                          return 7;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[38] < -797) {
                                          return 10;
                                      } else {
                                          if (features[121] < -1048) {
                                              return 5;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[37] < -1399) {
                                      if (features[121] < -2008) {
                                          return 6;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[97] < 3440) {
                                          if (features[10] < 616) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[12] < 309) {
                          if (features[23] < 448) {
                              if (features[121] < -2347) {
                                  if (features[99] < 1471) {
                                      return 9;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              if (features[61] < 371) {
                                  return 10;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 6;
                      }
                  }
              } else {
                  if (features[67] < 552) {
                      if (features[3] < 131) {
                          if (features[36] < -1354) {
                              if (features[20] < 406) {
                                  return 7;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[1] < -56) {
                                  return 6;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[10] < 1344) {
                              if (features[54] < 747) {
                                  if (features[22] < -79) {
                                      if (features[79] < 205) {
                                          return 10;
                                      } else {
                                          if (features[10] < 335) {
                                              return 10;
                                          } else {
                                              if (features[6] < 1349) {
                                                  return 4;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[116] < 2615) {
                                      if (features[82] < 859) {
                                          return 7;
                                      } else {
                                          if (features[40] < 532) {
                                              return 0;
                                          } else {
                                              if (features[25] < -333) {
                                                  return 3;
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[25] < -556) {
                                          if (features[54] < 1220) {
                                              return 1;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[18] < 165) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[84] < 1259) {
                                  if (features[37] < -2406) {
                                      return 10;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[90] < 1599) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[120] < -4059) {
                          if (features[57] < 1025) {
                              if (features[27] < -572) {
                                  return 1;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[63] < 589) {
                                  return 1;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[1] < 1304) {
                              return 6;
                          } else {
                              if (features[106] < 3108) {
                                  if (features[32] < -1812) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_10(const int16_t *features, int32_t features_length) {
          if (features[93] < 1456) {
              if (features[14] < 939) {
                  if (features[92] < 960) {
                      if (features[34] < -939) {
                          if (features[29] < -469) {
                              if (features[49] < 302) {
                                  if (features[0] < 3718) {
                                      if (features[75] < 294) {
                                          if (features[38] < -2144) {
                                              if (features[43] < 216) {
                                                  return 0;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              if (features[24] < -534) {
                                                  if (features[23] < -903) {
                                                      return 10;
                                                  } else {
                                                      if (features[5] < 1473) {
                                                          return 7;
                                                      } else {
                                                          return 9;
                                                      }
                                                  }
                                              } else {
                                                  return 7;
                                              }
                                          }
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[9] < 1032) {
                                  if (features[120] < -3590) {
                                      return 9;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[123] < 53) {
                              return 10;
                          } else {
                              if (features[65] < 258) {
                                  if (features[19] < 393) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[68] < 418) {
                                      if (features[123] < 192) {
                                          if (features[4] < 802) {
                                              if (features[82] < 994) {
                                                  return 9;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              if (features[9] < 637) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[83] < 924) {
                          if (features[38] < -589) {
                              if (features[30] < -347) {
                                  if (features[20] < 670) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              return 9;
                          }
                      } else {
                          if (features[13] < 74) {
                              if (features[26] < -25) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              if (features[51] < 676) {
                                  return 10;
                              } else {
                                  if (features[29] < -17) {
                                      return 0;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[109] < 1018) {
                      if (features[2] < 1734) {
                          return 8;
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[12] < -309) {
                          return 0;
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[40] < 793) {
                  if (features[29] < -1085) {
                      if (features[41] < 661) {
                          if (features[64] < 312) {
                              return 0;
                          } else {
                              if (features[9] < 923) {
                                  return 6;
                              } else {
                                  if (features[78] < 504) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[1] < 1898) {
                              return 2;
                          } else {
                              return 1;
                          }
                      }
                  } else {
                      if (features[53] < 771) {
                          if (features[112] < 1276) {
                              if (features[13] < 1194) {
                                  if (features[23] < 701) {
                                      return 0;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[62] < 379) {
                                  if (features[2] < 134) {
                                      return 6;
                                  } else {
                                      if (features[114] < 1936) {
                                          if (features[0] < 1432) {
                                              if (features[65] < 382) {
                                                  return 0;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[1] < 586) {
                                      if (features[124] < 252) {
                                          return 5;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[79] < 568) {
                                          if (features[107] < 2795) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[37] < -1414) {
                              if (features[93] < 3242) {
                                  if (features[2] < 1874) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[0] < 1492) {
                                  if (features[13] < 387) {
                                      if (features[24] < 411) {
                                          if (features[68] < 491) {
                                              if (features[52] < 1237) {
                                                  return 5;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[64] < 717) {
                                          if (features[42] < 472) {
                                              return 8;
                                          } else {
                                              if (features[115] < 2800) {
                                                  return 6;
                                              } else {
                                                  return 2;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[14] < -1039) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[5] < 815) {
                      if (features[121] < -575) {
                          if (features[35] < -97) {
                              if (features[27] < -647) {
                                  return 2;
                              } else {
                                  if (features[87] < 2604) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[35] < -516) {
                              return 2;
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[82] < 2357) {
                          if (features[18] < 502) {
                              if (features[76] < 333) {
                                  return 1;
                              } else {
                                  return 3;
                              }
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[1] < 1836) {
                              if (features[28] < -774) {
                                  if (features[47] < 2320) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[59] < 1651) {
                                      return 3;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_11(const int16_t *features, int32_t features_length) {
          if (features[43] < 722) {
              if (features[15] < 1103) {
                  if (features[83] < 1023) {
                      if (features[49] < 304) {
                          if (features[120] < -1162) {
                              if (features[64] < 242) {
                                  return 0;
                              } else {
                                  if (features[76] < 263) {
                                      if (features[4] < 487) {
                                          return 9;
                                      } else {
                                          if (features[29] < -173) {
                                              if (features[6] < 1319) {
                                                  if (features[11] < 624) {
                                                      if (features[55] < 138) {
                                                          return 10;
                                                      } else {
                                                          if (features[10] < 136) {
                                                              return 9;
                                                          } else {
                                                              if (features[4] < 964) {
                                                                  return 7;
                                                              } else {
                                                                  return 10;
                                                              }
                                                          }
                                                      }
                                                  } else {
                                                      if (features[38] < -2110) {
                                                          return 9;
                                                      } else {
                                                          return 7;
                                                      }
                                                  }
                                              } else {
                                                  if (features[121] < -3816) {
                                                      return 10;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          } else {
                                              if (features[28] < -480) {
                                                  return 0;
                                              } else {
                                                  return 7;
                                              }
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[71] < 323) {
                              if (features[33] < -664) {
                                  if (features[107] < 822) {
                                      return 8;
                                  } else {
                                      if (features[92] < 2398) {
                                          if (features[80] < 622) {
                                              if (features[9] < 1008) {
                                                  return 7;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              if (features[58] < 529) {
                                                  return 10;
                                              } else {
                                                  return 0;
                                              }
                                          }
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[121] < -1876) {
                                      if (features[126] < 61) {
                                          return 10;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[62] < 412) {
                          if (features[47] < 637) {
                              if (features[33] < 130) {
                                  if (features[92] < 657) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          if (features[15] < -29) {
                              if (features[70] < 366) {
                                  if (features[48] < 623) {
                                      return 5;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[77] < 539) {
                                  if (features[1] < 3) {
                                      return 10;
                                  } else {
                                      if (features[47] < 352) {
                                          return 0;
                                      } else {
                                          if (features[105] < 3596) {
                                              if (features[29] < -996) {
                                                  return 2;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[118] < 1082) {
                      return 8;
                  } else {
                      if (features[44] < 328) {
                          return 8;
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[7] < 394) {
                  if (features[80] < 1220) {
                      if (features[110] < 922) {
                          return 8;
                      } else {
                          if (features[76] < 439) {
                              if (features[36] < 424) {
                                  if (features[99] < 3575) {
                                      if (features[44] < 1539) {
                                          return 6;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[121] < -592) {
                          if (features[48] < 3173) {
                              if (features[35] < -94) {
                                  if (features[114] < 3149) {
                                      if (features[79] < 580) {
                                          return 6;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              return 7;
                          }
                      } else {
                          return 5;
                      }
                  }
              } else {
                  if (features[2] < 1758) {
                      if (features[12] < 600) {
                          if (features[10] < 1605) {
                              if (features[52] < 971) {
                                  if (features[84] < 3288) {
                                      if (features[113] < 1892) {
                                          if (features[0] < 1115) {
                                              return 6;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          if (features[14] < 171) {
                                              return 3;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[1] < -148) {
                                      return 6;
                                  } else {
                                      if (features[58] < 607) {
                                          return 3;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[22] < 140) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[103] < 2122) {
                              if (features[122] < -3436) {
                                  if (features[32] < -707) {
                                      if (features[44] < 503) {
                                          return 7;
                                      } else {
                                          if (features[15] < 819) {
                                              return 6;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[16] < 227) {
                                  if (features[82] < 2288) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[7] < 1445) {
                                      if (features[59] < 964) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[30] < -1061) {
                          if (features[0] < 1895) {
                              if (features[73] < 399) {
                                  return 2;
                              } else {
                                  return 3;
                              }
                          } else {
                              return 1;
                          }
                      } else {
                          if (features[84] < 3662) {
                              if (features[71] < 347) {
                                  return 10;
                              } else {
                                  if (features[120] < -4458) {
                                      if (features[18] < -348) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_12(const int16_t *features, int32_t features_length) {
          if (features[99] < 1407) {
              if (features[44] < 311) {
                  if (features[36] < -738) {
                      if (features[64] < 277) {
                          if (features[124] < 52) {
                              return 8;
                          } else {
                              if (features[50] < 223) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[17] < -76) {
                              return 9;
                          } else {
                              if (features[122] < -1720) {
                                  if (features[7] < 1350) {
                                      if (features[33] < -1351) {
                                          if (features[3] < 1922) {
                                              return 7;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[38] < -1880) {
                                              return 9;
                                          } else {
                                              if (features[29] < -673) {
                                                  return 10;
                                              } else {
                                                  return 7;
                                              }
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[88] < 403) {
                          return 0;
                      } else {
                          if (features[1] < 1149) {
                              if (features[8] < 481) {
                                  if (features[8] < -552) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[14] < -323) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[124] < 69) {
                      if (features[38] < -1779) {
                          if (features[24] < -167) {
                              return 10;
                          } else {
                              return 8;
                          }
                      } else {
                          return 0;
                      }
                  } else {
                      if (features[38] < -442) {
                          if (features[87] < 1484) {
                              if (features[6] < -311) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[25] < -32) {
                                  if (features[98] < 902) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[12] < 1132) {
                                      return 6;
                                  } else {
                                      return 8;
                                  }
                              }
                          }
                      } else {
                          if (features[79] < 514) {
                              if (features[27] < -142) {
                                  return 10;
                              } else {
                                  if (features[95] < 891) {
                                      return 7;
                                  } else {
                                      if (features[21] < -150) {
                                          return 0;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              return 9;
                          }
                      }
                  }
              }
          } else {
              if (features[0] < 3005) {
                  if (features[3] < 1451) {
                      if (features[37] < -319) {
                          if (features[12] < 809) {
                              if (features[71] < 240) {
                                  if (features[56] < 1176) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[56] < 758) {
                                      if (features[41] < 462) {
                                          if (features[17] < -168) {
                                              return 0;
                                          } else {
                                              if (features[87] < 938) {
                                                  return 0;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          if (features[25] < -140) {
                                              if (features[23] < -508) {
                                                  return 0;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[65] < 376) {
                                          if (features[8] < 849) {
                                              if (features[51] < 702) {
                                                  return 8;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          if (features[7] < 1420) {
                                              if (features[107] < 3027) {
                                                  if (features[12] < 167) {
                                                      return 5;
                                                  } else {
                                                      if (features[23] < -66) {
                                                          return 4;
                                                      } else {
                                                          if (features[39] < -1245) {
                                                              return 10;
                                                          } else {
                                                              return 6;
                                                          }
                                                      }
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[36] < -1504) {
                                  if (features[95] < 2072) {
                                      if (features[1] < 1411) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[2] < 1520) {
                                          return 2;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[123] < 314) {
                                      if (features[62] < 225) {
                                          return 6;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[104] < 2733) {
                                          if (features[120] < -3239) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          if (features[62] < 360) {
                                              return 7;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[121] < -804) {
                              if (features[70] < 466) {
                                  if (features[11] < -47) {
                                      if (features[24] < 519) {
                                          return 5;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[0] < 1210) {
                                          if (features[5] < 164) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[75] < 424) {
                          if (features[6] < 1950) {
                              if (features[14] < 121) {
                                  return 3;
                              } else {
                                  if (features[91] < 3338) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[125] < 2740) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[111] < 3420) {
                              return 3;
                          } else {
                              if (features[0] < 1497) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              } else {
                  if (features[41] < 583) {
                      if (features[48] < 653) {
                          return 4;
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[0] < 3788) {
                          if (features[25] < -59) {
                              if (features[121] < -3144) {
                                  if (features[31] < -1108) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              return 3;
                          }
                      } else {
                          return 1;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_13(const int16_t *features, int32_t features_length) {
          if (features[42] < 549) {
              if (features[17] < 869) {
                  if (features[49] < 306) {
                      if (features[77] < 290) {
                          if (features[89] < 348) {
                              return 0;
                          } else {
                              if (features[122] < -1570) {
                                  if (features[2] < 806) {
                                      if (features[45] < 300) {
                                          if (features[84] < 1068) {
                                              return 9;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[36] < -690) {
                                          if (features[19] < -249) {
                                              if (features[21] < -775) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              if (features[10] < 1163) {
                                                  if (features[81] < 456) {
                                                      return 10;
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  if (features[70] < 183) {
                                                      return 8;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          }
                                      } else {
                                          if (features[20] < -512) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[9] < 1807) {
                              if (features[44] < 335) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[64] < 381) {
                          if (features[17] < 213) {
                              if (features[96] < 1155) {
                                  if (features[121] < -3161) {
                                      return 10;
                                  } else {
                                      if (features[39] < -2328) {
                                          return 8;
                                      } else {
                                          if (features[33] < -414) {
                                              return 7;
                                          } else {
                                              return 0;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[100] < 960) {
                                      return 10;
                                  } else {
                                      if (features[18] < -681) {
                                          return 6;
                                      } else {
                                          if (features[11] < -103) {
                                              return 5;
                                          } else {
                                              return 0;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[111] < 1410) {
                                  if (features[94] < 935) {
                                      if (features[0] < 928) {
                                          return 8;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[22] < 587) {
                                          return 8;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[78] < 466) {
                              if (features[61] < 402) {
                                  if (features[37] < -426) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  if (features[18] < -67) {
                                      return 10;
                                  } else {
                                      if (features[23] < 167) {
                                          return 4;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[110] < 763) {
                      return 8;
                  } else {
                      if (features[30] < -452) {
                          return 10;
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[36] < -413) {
                  if (features[1] < 1901) {
                      if (features[32] < -1112) {
                          if (features[2] < 2035) {
                              if (features[8] < 706) {
                                  if (features[63] < 368) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[17] < 248) {
                                      if (features[7] < 3105) {
                                          return 6;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[91] < 1630) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[3] < 267) {
                              if (features[105] < 1006) {
                                  return 8;
                              } else {
                                  if (features[77] < 409) {
                                      if (features[43] < 594) {
                                          return 0;
                                      } else {
                                          if (features[120] < -3243) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      if (features[52] < 830) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              if (features[122] < -5919) {
                                  if (features[34] < -1815) {
                                      return 3;
                                  } else {
                                      if (features[4] < 1214) {
                                          return 10;
                                      } else {
                                          if (features[77] < 390) {
                                              return 2;
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[94] < 1574) {
                                      return 10;
                                  } else {
                                      if (features[31] < -454) {
                                          if (features[73] < 288) {
                                              return 6;
                                          } else {
                                              if (features[39] < -1862) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[83] < 2323) {
                          if (features[51] < 567) {
                              if (features[3] < 2583) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[106] < 3086) {
                                  if (features[9] < 1425) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[29] < -1205) {
                                      return 1;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[27] < -519) {
                              if (features[90] < 2365) {
                                  return 4;
                              } else {
                                  if (features[51] < 1448) {
                                      return 1;
                                  } else {
                                      if (features[120] < -4323) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          } else {
                              if (features[126] < 7) {
                                  return 10;
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              } else {
                  if (features[1] < -708) {
                      return 6;
                  } else {
                      if (features[18] < -458) {
                          if (features[47] < 1495) {
                              return 10;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[16] < 277) {
                              if (features[121] < -786) {
                                  if (features[35] < -28) {
                                      return 10;
                                  } else {
                                      if (features[0] < 1449) {
                                          return 5;
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_14(const int16_t *features, int32_t features_length) {
          if (features[90] < 1425) {
              if (features[49] < 289) {
                  if (features[121] < -998) {
                      if (features[36] < -737) {
                          if (features[2] < 621) {
                              if (features[69] < 221) {
                                  return 8;
                              } else {
                                  if (features[19] < 339) {
                                      return 0;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              if (features[5] < 1464) {
                                  if (features[75] < 278) {
                                      if (features[38] < -1493) {
                                          if (features[15] < 1091) {
                                              return 7;
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          if (features[117] < 502) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 9;
                              }
                          }
                      } else {
                          if (features[73] < 205) {
                              return 10;
                          } else {
                              if (features[10] < 1196) {
                                  return 9;
                              } else {
                                  return 0;
                              }
                          }
                      }
                  } else {
                      return 10;
                  }
              } else {
                  if (features[63] < 340) {
                      if (features[126] < 60) {
                          if (features[96] < 1265) {
                              if (features[8] < 713) {
                                  if (features[31] < -420) {
                                      return 7;
                                  } else {
                                      if (features[48] < 454) {
                                          return 10;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[4] < 1471) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[15] < 908) {
                                  if (features[17] < 561) {
                                      if (features[55] < 969) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[20] < 51) {
                              if (features[89] < 324) {
                                  return 0;
                              } else {
                                  if (features[41] < 229) {
                                      return 8;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      }
                  } else {
                      if (features[91] < 1322) {
                          if (features[15] < 690) {
                              return 10;
                          } else {
                              if (features[6] < 209) {
                                  return 8;
                              } else {
                                  if (features[64] < 359) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[35] < -309) {
                  if (features[28] < -752) {
                      if (features[17] < 341) {
                          if (features[120] < -3908) {
                              if (features[36] < -2283) {
                                  return 2;
                              } else {
                                  if (features[95] < 2360) {
                                      return 10;
                                  } else {
                                      if (features[55] < 1435) {
                                          if (features[83] < 2338) {
                                              return 10;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[72] < 524) {
                                  if (features[4] < 1665) {
                                      if (features[34] < -1452) {
                                          return 2;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      if (features[104] < 2417) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[0] < 2843) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[76] < 465) {
                              if (features[124] < 300) {
                                  if (features[112] < 966) {
                                      return 1;
                                  } else {
                                      if (features[1] < 2207) {
                                          if (features[11] < 618) {
                                              return 6;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[0] < 2095) {
                                      if (features[97] < 2913) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      }
                  } else {
                      if (features[7] < 308) {
                          if (features[78] < 341) {
                              if (features[4] < -707) {
                                  return 8;
                              } else {
                                  if (features[23] < -490) {
                                      return 7;
                                  } else {
                                      if (features[46] < 790) {
                                          if (features[122] < -3189) {
                                              return 4;
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          if (features[90] < 3709) {
                                              return 6;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[61] < 435) {
                                  return 10;
                              } else {
                                  if (features[7] < 132) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      } else {
                          if (features[40] < 801) {
                              if (features[13] < 704) {
                                  if (features[30] < -380) {
                                      if (features[62] < 390) {
                                          return 10;
                                      } else {
                                          if (features[53] < 802) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[2] < 1432) {
                                          if (features[1] < 431) {
                                              return 10;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[96] < 2719) {
                                      if (features[107] < 1045) {
                                          return 8;
                                      } else {
                                          if (features[72] < 485) {
                                              return 6;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[63] < 661) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[79] < 429) {
                                  return 10;
                              } else {
                                  if (features[84] < 4241) {
                                      return 3;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[39] < -739) {
                      if (features[4] < -2470) {
                          return 8;
                      } else {
                          if (features[22] < 531) {
                              return 10;
                          } else {
                              if (features[19] < 795) {
                                  return 6;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[2] < -1110) {
                          return 6;
                      } else {
                          if (features[57] < 751) {
                              return 5;
                          } else {
                              return 5;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_15(const int16_t *features, int32_t features_length) {
          if (features[42] < 742) {
              if (features[46] < 338) {
                  if (features[0] < 53) {
                      if (features[44] < 172) {
                          return 0;
                      } else {
                          if (features[69] < 143) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[64] < 256) {
                          if (features[14] < 595) {
                              return 0;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[78] < 284) {
                              if (features[3] < 796) {
                                  if (features[89] < 1091) {
                                      if (features[47] < 263) {
                                          return 9;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[5] < 1434) {
                                      if (features[13] < 123) {
                                          if (features[27] < -184) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[7] < 1332) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[81] < 865) {
                                          if (features[1] < 2924) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[126] < 6) {
                                  return 10;
                              } else {
                                  return 9;
                              }
                          }
                      }
                  }
              } else {
                  if (features[63] < 381) {
                      if (features[124] < 69) {
                          if (features[23] < -143) {
                              if (features[65] < 228) {
                                  return 8;
                              } else {
                                  if (features[0] < 902) {
                                      return 9;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[14] < 1098) {
                                  if (features[37] < -1448) {
                                      return 8;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[18] < 235) {
                              if (features[63] < 341) {
                                  if (features[108] < 1165) {
                                      return 10;
                                  } else {
                                      if (features[120] < -4544) {
                                          return 10;
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  if (features[2] < 670) {
                                      if (features[6] < -204) {
                                          return 10;
                                      } else {
                                          if (features[33] < -650) {
                                              return 6;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[64] < 287) {
                                  return 10;
                              } else {
                                  if (features[8] < 291) {
                                      if (features[89] < 987) {
                                          return 7;
                                      } else {
                                          if (features[33] < 268) {
                                              return 8;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      if (features[94] < 2634) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[31] < -456) {
                          if (features[39] < -1852) {
                              if (features[4] < -386) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[81] < 1637) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          }
                      } else {
                          if (features[3] < 309) {
                              if (features[38] < 147) {
                                  if (features[0] < 1353) {
                                      if (features[76] < 410) {
                                          if (features[123] < 343) {
                                              if (features[73] < 289) {
                                                  return 6;
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[55] < 851) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[70] < 457) {
                                      return 5;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[36] < -520) {
                  if (features[8] < 1250) {
                      if (features[2] < 1509) {
                          if (features[108] < 2592) {
                              if (features[24] < -318) {
                                  if (features[109] < 1843) {
                                      return 6;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[56] < 1672) {
                                      if (features[92] < 1053) {
                                          return 7;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[72] < 343) {
                                  if (features[29] < -291) {
                                      return 7;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[16] < 389) {
                                      return 10;
                                  } else {
                                      if (features[12] < 433) {
                                          return 5;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[100] < 3136) {
                              if (features[82] < 1827) {
                                  return 3;
                              } else {
                                  if (features[1] < 2229) {
                                      if (features[18] < 496) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[27] < -537) {
                                  return 1;
                              } else {
                                  if (features[115] < 3729) {
                                      return 3;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[14] < 757) {
                          if (features[2] < 2258) {
                              if (features[98] < 3371) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[29] < -1216) {
                                  return 1;
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[34] < -2459) {
                              return 1;
                          } else {
                              if (features[10] < 1411) {
                                  if (features[39] < -2245) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  }
              } else {
                  if (features[121] < -601) {
                      if (features[14] < 149) {
                          if (features[26] < 16) {
                              if (features[44] < 761) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[40] < 582) {
                                  return 6;
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          return 6;
                      }
                  } else {
                      return 5;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_16(const int16_t *features, int32_t features_length) {
          if (features[94] < 1570) {
              if (features[17] < 649) {
                  if (features[44] < 313) {
                      if (features[64] < 164) {
                          if (features[18] < 385) {
                              return 0;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[12] < 197) {
                              if (features[96] < 1439) {
                                  if (features[71] < 197) {
                                      return 10;
                                  } else {
                                      if (features[61] < 299) {
                                          if (features[38] < -275) {
                                              return 10;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[59] < 110) {
                                  return 10;
                              } else {
                                  if (features[17] < -39) {
                                      return 9;
                                  } else {
                                      if (features[32] < -449) {
                                          if (features[29] < -653) {
                                              if (features[19] < 303) {
                                                  if (features[19] < -195) {
                                                      return 10;
                                                  } else {
                                                      if (features[98] < 1513) {
                                                          if (features[24] < -133) {
                                                              return 7;
                                                          } else {
                                                              return 9;
                                                          }
                                                      } else {
                                                          return 4;
                                                      }
                                                  }
                                              } else {
                                                  if (features[110] < 1153) {
                                                      return 9;
                                                  } else {
                                                      return 7;
                                                  }
                                              }
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          if (features[14] < 341) {
                                              return 0;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[66] < 327) {
                          if (features[53] < 1248) {
                              if (features[11] < 220) {
                                  return 10;
                              } else {
                                  if (features[4] < -503) {
                                      return 8;
                                  } else {
                                      if (features[121] < -2661) {
                                          return 7;
                                      } else {
                                          return 0;
                                      }
                                  }
                              }
                          } else {
                              return 7;
                          }
                      } else {
                          if (features[35] < -233) {
                              if (features[49] < 515) {
                                  return 10;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[81] < 1107) {
                                  return 10;
                              } else {
                                  if (features[2] < -1186) {
                                      return 6;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[109] < 732) {
                      if (features[53] < 203) {
                          if (features[2] < 871) {
                              return 8;
                          } else {
                              return 9;
                          }
                      } else {
                          if (features[36] < -982) {
                              return 8;
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[116] < 744) {
                          if (features[94] < 933) {
                              return 7;
                          } else {
                              return 8;
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[43] < 817) {
                  if (features[81] < 1636) {
                      if (features[76] < 385) {
                          if (features[5] < -654) {
                              if (features[58] < 1288) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[32] < -980) {
                                  if (features[10] < 2403) {
                                      if (features[52] < 562) {
                                          return 10;
                                      } else {
                                          if (features[61] < 308) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[22] < 379) {
                                      if (features[75] < 365) {
                                          if (features[33] < 14) {
                                              if (features[65] < 359) {
                                                  return 0;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[11] < 946) {
                          if (features[39] < -994) {
                              return 4;
                          } else {
                              if (features[83] < 1667) {
                                  if (features[121] < -2229) {
                                      return 10;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          if (features[2] < -2419) {
                              return 8;
                          } else {
                              if (features[31] < -1408) {
                                  return 1;
                              } else {
                                  return 0;
                              }
                          }
                      }
                  }
              } else {
                  if (features[0] < 2687) {
                      if (features[121] < -591) {
                          if (features[77] < 380) {
                              if (features[28] < -694) {
                                  if (features[13] < 304) {
                                      return 3;
                                  } else {
                                      if (features[126] < 5) {
                                          return 1;
                                      } else {
                                          if (features[122] < -4191) {
                                              return 2;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[40] < 547) {
                                      if (features[55] < 548) {
                                          if (features[52] < 625) {
                                              return 0;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[2] < 474) {
                                              return 6;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[58] < 787) {
                                          if (features[29] < -504) {
                                              if (features[51] < 824) {
                                                  return 4;
                                              } else {
                                                  return 2;
                                              }
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[2] < 1570) {
                                  if (features[9] < 415) {
                                      return 10;
                                  } else {
                                      if (features[100] < 2831) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[113] < 3916) {
                                      if (features[64] < 333) {
                                          return 0;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[13] < 394) {
                              if (features[35] < -795) {
                                  return 3;
                              } else {
                                  return 5;
                              }
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[24] < -349) {
                          if (features[66] < 502) {
                              if (features[82] < 3923) {
                                  return 1;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[1] < 1913) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          return 3;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_17(const int16_t *features, int32_t features_length) {
          if (features[44] < 597) {
              if (features[99] < 1460) {
                  if (features[124] < 81) {
                      if (features[20] < 629) {
                          if (features[34] < -939) {
                              if (features[6] < 1404) {
                                  if (features[6] < 245) {
                                      return 8;
                                  } else {
                                      if (features[8] < 365) {
                                          return 7;
                                      } else {
                                          if (features[23] < -8) {
                                              if (features[78] < 148) {
                                                  return 9;
                                              } else {
                                                  if (features[37] < -1448) {
                                                      if (features[21] < 286) {
                                                          return 7;
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          } else {
                                              if (features[81] < 1070) {
                                                  if (features[49] < 227) {
                                                      return 9;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  return 0;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[1] < 2481) {
                                      if (features[52] < 209) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[88] < 396) {
                                  return 0;
                              } else {
                                  if (features[27] < -64) {
                                      if (features[23] < 1428) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          }
                      } else {
                          if (features[38] < -1339) {
                              if (features[6] < 798) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          } else {
                              return 7;
                          }
                      }
                  } else {
                      if (features[21] < 248) {
                          if (features[90] < 968) {
                              if (features[7] < 3069) {
                                  if (features[82] < 1033) {
                                      if (features[27] < -621) {
                                          return 9;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[34] < 34) {
                                  if (features[4] < 571) {
                                      if (features[14] < 1873) {
                                          return 4;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[121] < -1771) {
                                      return 9;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      } else {
                          if (features[38] < -1891) {
                              if (features[72] < 323) {
                                  return 10;
                              } else {
                                  return 9;
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[124] < 180) {
                      if (features[42] < 491) {
                          if (features[123] < 305) {
                              return 8;
                          } else {
                              if (features[72] < 311) {
                                  if (features[10] < 348) {
                                      return 10;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[10] < 474) {
                              return 6;
                          } else {
                              if (features[86] < 1241) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          }
                      }
                  } else {
                      if (features[79] < 492) {
                          if (features[53] < 751) {
                              return 4;
                          } else {
                              return 10;
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[0] < 3002) {
                  if (features[37] < -569) {
                      if (features[77] < 424) {
                          if (features[31] < -1007) {
                              if (features[92] < 2348) {
                                  return 2;
                              } else {
                                  if (features[1] < 2198) {
                                      return 2;
                                  } else {
                                      if (features[103] < 2643) {
                                          return 2;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          } else {
                              if (features[3] < 233) {
                                  if (features[108] < 845) {
                                      return 8;
                                  } else {
                                      if (features[122] < -2940) {
                                          if (features[83] < 2566) {
                                              if (features[41] < 430) {
                                                  return 10;
                                              } else {
                                                  if (features[109] < 2622) {
                                                      return 6;
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[52] < 791) {
                                      if (features[65] < 413) {
                                          return 0;
                                      } else {
                                          if (features[112] < 1264) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  } else {
                                      if (features[5] < 1069) {
                                          return 10;
                                      } else {
                                          if (features[115] < 2824) {
                                              if (features[2] < 706) {
                                                  return 6;
                                              } else {
                                                  return 3;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[43] < 876) {
                              if (features[28] < -975) {
                                  return 1;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[18] < 311) {
                                  if (features[108] < 3470) {
                                      if (features[3] < 1155) {
                                          return 4;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  } else {
                      if (features[16] < 244) {
                          if (features[10] < 270) {
                              if (features[9] < -632) {
                                  if (features[85] < 2365) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[70] < 540) {
                                      if (features[15] < -503) {
                                          return 7;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[89] < 1691) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[53] < 627) {
                                  return 0;
                              } else {
                                  if (features[30] < -1038) {
                                      return 3;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[17] < 2061) {
                              return 6;
                          } else {
                              return 8;
                          }
                      }
                  }
              } else {
                  if (features[18] < -249) {
                      if (features[28] < -343) {
                          return 1;
                      } else {
                          return 3;
                      }
                  } else {
                      if (features[56] < 534) {
                          return 4;
                      } else {
                          if (features[25] < -561) {
                              return 1;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_18(const int16_t *features, int32_t features_length) {
          if (features[123] < 306) {
              if (features[4] < -714) {
                  return 8;
              } else {
                  if (features[19] < 985) {
                      if (features[19] < -219) {
                          if (features[9] < 1132) {
                              if (features[85] < 1203) {
                                  if (features[123] < 134) {
                                      return 9;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[9] < 2102) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[1] < 712) {
                              if (features[89] < 1086) {
                                  if (features[83] < 962) {
                                      if (features[121] < -934) {
                                          if (features[42] < 286) {
                                              if (features[104] < 412) {
                                                  return 0;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              if (features[39] < -2316) {
                                                  return 8;
                                              } else {
                                                  return 9;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[113] < 899) {
                                      if (features[37] < -889) {
                                          return 0;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[96] < 866) {
                                  if (features[76] < 292) {
                                      if (features[56] < 168) {
                                          if (features[32] < -1071) {
                                              if (features[19] < 310) {
                                                  if (features[111] < 394) {
                                                      return 10;
                                                  } else {
                                                      if (features[15] < 734) {
                                                          return 7;
                                                      } else {
                                                          return 8;
                                                      }
                                                  }
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              if (features[52] < 242) {
                                                  return 10;
                                              } else {
                                                  return 7;
                                              }
                                          }
                                      } else {
                                          if (features[97] < 757) {
                                              return 7;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[72] < 354) {
                                      if (features[23] < -159) {
                                          return 10;
                                      } else {
                                          if (features[85] < 867) {
                                              return 10;
                                          } else {
                                              return 8;
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          }
                      }
                  } else {
                      return 8;
                  }
              }
          } else {
              if (features[3] < 1237) {
                  if (features[35] < -146) {
                      if (features[30] < -922) {
                          if (features[90] < 1500) {
                              if (features[13] < 913) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[36] < -1474) {
                                  return 2;
                              } else {
                                  if (features[96] < 3867) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[55] < 749) {
                              if (features[61] < 398) {
                                  if (features[68] < 504) {
                                      if (features[22] < 179) {
                                          if (features[62] < 365) {
                                              if (features[78] < 154) {
                                                  return 7;
                                              } else {
                                                  return 0;
                                              }
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          if (features[42] < 384) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[11] < 774) {
                                      if (features[24] < 92) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[42] < 595) {
                                  if (features[122] < -4281) {
                                      return 10;
                                  } else {
                                      if (features[0] < 147) {
                                          return 10;
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  if (features[68] < 285) {
                                      return 7;
                                  } else {
                                      if (features[126] < 14) {
                                          if (features[39] < -1651) {
                                              return 2;
                                          } else {
                                              if (features[39] < -919) {
                                                  if (features[88] < 1985) {
                                                      return 1;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  if (features[41] < 686) {
                                                      if (features[111] < 3923) {
                                                          return 6;
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      if (features[78] < 284) {
                                                          return 1;
                                                      } else {
                                                          return 5;
                                                      }
                                                  }
                                              }
                                          }
                                      } else {
                                          if (features[121] < -346) {
                                              return 6;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[27] < -87) {
                          if (features[10] < 356) {
                              return 10;
                          } else {
                              if (features[20] < -362) {
                                  return 0;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          if (features[82] < 909) {
                              return 10;
                          } else {
                              if (features[9] < -632) {
                                  return 6;
                              } else {
                                  return 5;
                              }
                          }
                      }
                  }
              } else {
                  if (features[1] < 1930) {
                      if (features[42] < 805) {
                          if (features[63] < 436) {
                              return 10;
                          } else {
                              if (features[27] < -361) {
                                  return 4;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[28] < -1027) {
                              return 2;
                          } else {
                              if (features[12] < 540) {
                                  return 3;
                              } else {
                                  return 2;
                              }
                          }
                      }
                  } else {
                      if (features[27] < -599) {
                          if (features[83] < 1695) {
                              if (features[0] < 2442) {
                                  return 3;
                              } else {
                                  if (features[77] < 540) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[44] < 718) {
                                  return 4;
                              } else {
                                  if (features[91] < 2273) {
                                      if (features[44] < 939) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[82] < 1636) {
                                          if (features[73] < 443) {
                                              return 2;
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[83] < 3317) {
                              if (features[49] < 551) {
                                  return 10;
                              } else {
                                  return 3;
                              }
                          } else {
                              return 1;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_19(const int16_t *features, int32_t features_length) {
          if (features[123] < 297) {
              if (features[19] < 965) {
                  if (features[15] < 1086) {
                      if (features[64] < 230) {
                          return 0;
                      } else {
                          if (features[94] < 895) {
                              if (features[3] < 756) {
                                  if (features[41] < 285) {
                                      if (features[117] < 274) {
                                          return 10;
                                      } else {
                                          if (features[88] < 1202) {
                                              if (features[18] < 491) {
                                                  return 9;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 0;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[38] < -2131) {
                                      if (features[0] < 1528) {
                                          if (features[50] < 241) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[17] < -85) {
                                          return 9;
                                      } else {
                                          if (features[63] < 373) {
                                              if (features[7] < 1354) {
                                                  if (features[31] < -809) {
                                                      return 7;
                                                  } else {
                                                      if (features[123] < 61) {
                                                          return 10;
                                                      } else {
                                                          return 7;
                                                      }
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[34] < -140) {
                                  if (features[13] < 1664) {
                                      if (features[57] < 281) {
                                          return 10;
                                      } else {
                                          if (features[64] < 385) {
                                              return 0;
                                          } else {
                                              if (features[38] < -1007) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[49] < 556) {
                                      return 9;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[3] < -389) {
                          return 8;
                      } else {
                          if (features[18] < 348) {
                              return 8;
                          } else {
                              return 7;
                          }
                      }
                  }
              } else {
                  if (features[117] < 990) {
                      return 8;
                  } else {
                      return 10;
                  }
              }
          } else {
              if (features[83] < 2296) {
                  if (features[6] < 1055) {
                      if (features[35] < -243) {
                          if (features[42] < 791) {
                              if (features[121] < -3161) {
                                  return 10;
                              } else {
                                  if (features[85] < 1487) {
                                      if (features[89] < 905) {
                                          if (features[107] < 1349) {
                                              return 7;
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[37] < -1449) {
                                          return 2;
                                      } else {
                                          if (features[73] < 618) {
                                              if (features[3] < 51) {
                                                  return 6;
                                              } else {
                                                  if (features[95] < 3733) {
                                                      return 4;
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[3] < 571) {
                                  if (features[70] < 445) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[93] < 1615) {
                                      return 7;
                                  } else {
                                      if (features[22] < -261) {
                                          return 3;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[14] < 130) {
                              if (features[124] < 350) {
                                  if (features[15] < -557) {
                                      return 10;
                                  } else {
                                      if (features[8] < -781) {
                                          return 6;
                                      } else {
                                          if (features[42] < 373) {
                                              return 9;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              } else {
                                  return 9;
                              }
                          } else {
                              if (features[2] < -1266) {
                                  return 6;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[124] < 301) {
                          if (features[14] < 852) {
                              if (features[64] < 397) {
                                  if (features[42] < 488) {
                                      return 0;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[26] < -1064) {
                                      return 1;
                                  } else {
                                      if (features[2] < 2324) {
                                          if (features[35] < -1798) {
                                              return 2;
                                          } else {
                                              if (features[3] < 231) {
                                                  return 6;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          } else {
                              if (features[9] < 608) {
                                  return 10;
                              } else {
                                  if (features[92] < 1461) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[38] < -1990) {
                              if (features[26] < -622) {
                                  return 1;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[34] < -655) {
                                  return 3;
                              } else {
                                  return 6;
                              }
                          }
                      }
                  }
              } else {
                  if (features[38] < -538) {
                      if (features[24] < -529) {
                          if (features[0] < 2310) {
                              if (features[72] < 405) {
                                  return 2;
                              } else {
                                  if (features[126] < 5) {
                                      return 1;
                                  } else {
                                      if (features[3] < 1427) {
                                          return 0;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          } else {
                              return 1;
                          }
                      } else {
                          if (features[52] < 799) {
                              if (features[15] < 218) {
                                  if (features[0] < 2653) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[11] < 1097) {
                                  if (features[3] < 1234) {
                                      return 10;
                                  } else {
                                      if (features[126] < 6) {
                                          return 1;
                                      } else {
                                          if (features[17] < 248) {
                                              return 3;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[10] < 1708) {
                                      return 2;
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[73] < 362) {
                          return 10;
                      } else {
                          if (features[4] < 602) {
                              if (features[23] < 421) {
                                  return 5;
                              } else {
                                  return 6;
                              }
                          } else {
                              return 3;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_20(const int16_t *features, int32_t features_length) {
          if (features[41] < 441) {
              if (features[44] < 336) {
                  if (features[31] < -435) {
                      if (features[2] < 521) {
                          if (features[0] < 137) {
                              if (features[15] < 1117) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[64] < 310) {
                                  return 8;
                              } else {
                                  return 7;
                              }
                          }
                      } else {
                          if (features[7] < 1350) {
                              if (features[49] < 320) {
                                  if (features[78] < 255) {
                                      if (features[59] < 125) {
                                          return 9;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[96] < 1400) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 9;
                          }
                      }
                  } else {
                      if (features[45] < 369) {
                          if (features[9] < 1461) {
                              if (features[123] < 47) {
                                  return 10;
                              } else {
                                  if (features[27] < 864) {
                                      return 9;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              return 0;
                          }
                      } else {
                          return 0;
                      }
                  }
              } else {
                  if (features[76] < 454) {
                      if (features[123] < 181) {
                          if (features[13] < 1164) {
                              if (features[35] < -1857) {
                                  return 8;
                              } else {
                                  if (features[65] < 331) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[19] < 325) {
                              if (features[9] < 987) {
                                  if (features[42] < 512) {
                                      if (features[29] < -250) {
                                          if (features[80] < 981) {
                                              return 10;
                                          } else {
                                              if (features[62] < 425) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[1] < 48) {
                                          return 6;
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  if (features[12] < 693) {
                                      return 0;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[100] < 1424) {
                                  return 10;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[24] < 1293) {
                          if (features[0] < 2249) {
                              return 10;
                          } else {
                              return 9;
                          }
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[9] < 261) {
                  if (features[35] < -316) {
                      if (features[16] < -355) {
                          if (features[8] < -66) {
                              return 6;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[38] < -678) {
                              if (features[11] < 467) {
                                  if (features[20] < -212) {
                                      return 1;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[12] < 340) {
                          if (features[65] < 355) {
                              return 10;
                          } else {
                              if (features[21] < 405) {
                                  if (features[120] < -7626) {
                                      return 9;
                                  } else {
                                      if (features[22] < -424) {
                                          return 3;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 6;
                      }
                  }
              } else {
                  if (features[12] < 971) {
                      if (features[5] < 1222) {
                          if (features[50] < 876) {
                              if (features[85] < 1764) {
                                  if (features[43] < 615) {
                                      return 10;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[14] < 65) {
                                      return 1;
                                  } else {
                                      if (features[120] < -2430) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[40] < 1250) {
                                  if (features[65] < 262) {
                                      return 0;
                                  } else {
                                      if (features[106] < 4442) {
                                          if (features[39] < -897) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[92] < 6415) {
                                      if (features[23] < -324) {
                                          if (features[88] < 3542) {
                                              return 3;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[20] < -308) {
                              if (features[26] < -632) {
                                  if (features[0] < 1581) {
                                      return 3;
                                  } else {
                                      if (features[67] < 400) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[57] < 608) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[96] < 3096) {
                                  if (features[71] < 488) {
                                      if (features[126] < 10) {
                                          return 4;
                                      } else {
                                          if (features[11] < 614) {
                                              return 3;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[26] < -580) {
                                      if (features[1] < 2151) {
                                          return 2;
                                      } else {
                                          if (features[56] < 594) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[103] < 2659) {
                          if (features[9] < 857) {
                              return 6;
                          } else {
                              if (features[17] < 1534) {
                                  if (features[49] < 746) {
                                      return 10;
                                  } else {
                                      if (features[58] < 240) {
                                          return 3;
                                      } else {
                                          if (features[14] < 854) {
                                              return 1;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[27] < -860) {
                              if (features[52] < 1235) {
                                  return 1;
                              } else {
                                  if (features[59] < 1030) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              return 2;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_21(const int16_t *features, int32_t features_length) {
          if (features[84] < 1211) {
              if (features[46] < 330) {
                  if (features[9] < 1803) {
                      if (features[122] < -1280) {
                          if (features[76] < 264) {
                              if (features[19] < -246) {
                                  if (features[89] < 1067) {
                                      return 9;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[33] < -498) {
                                      if (features[111] < 409) {
                                          if (features[11] < 676) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[21] < 244) {
                                              if (features[10] < 1160) {
                                                  if (features[14] < 1010) {
                                                      if (features[122] < -4697) {
                                                          return 10;
                                                      } else {
                                                          return 7;
                                                      }
                                                  } else {
                                                      return 8;
                                                  }
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              if (features[22] < -159) {
                                                  return 8;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[38] < -892) {
                                          return 10;
                                      } else {
                                          if (features[14] < 216) {
                                              return 9;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[115] < 1827) {
                                  if (features[21] < 716) {
                                      if (features[13] < 778) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[19] < -164) {
                          return 0;
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[14] < 1098) {
                      if (features[69] < 311) {
                          if (features[31] < -429) {
                              if (features[24] < -441) {
                                  if (features[9] < 1185) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[95] < 996) {
                                      if (features[11] < 1202) {
                                          return 7;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[110] < 1282) {
                                          if (features[32] < -892) {
                                              return 8;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              }
                          } else {
                              if (features[11] < 22) {
                                  return 6;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[64] < 322) {
                              return 0;
                          } else {
                              if (features[38] < 713) {
                                  if (features[28] < -942) {
                                      return 2;
                                  } else {
                                      if (features[76] < 277) {
                                          return 10;
                                      } else {
                                          if (features[35] < -153) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  }
                              } else {
                                  return 9;
                              }
                          }
                      }
                  } else {
                      return 8;
                  }
              }
          } else {
              if (features[1] < 1901) {
                  if (features[38] < -427) {
                      if (features[30] < -909) {
                          if (features[101] < 2365) {
                              if (features[38] < -1860) {
                                  if (features[67] < 331) {
                                      return 8;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[17] < 35) {
                                  return 0;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[51] < 819) {
                              if (features[80] < 973) {
                                  if (features[19] < 1135) {
                                      if (features[77] < 322) {
                                          if (features[47] < 276) {
                                              return 7;
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[13] < 714) {
                                      if (features[22] < 401) {
                                          if (features[0] < -376) {
                                              return 10;
                                          } else {
                                              if (features[31] < -456) {
                                                  return 4;
                                              } else {
                                                  if (features[4] < 411) {
                                                      return 4;
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[108] < 2033) {
                                  if (features[73] < 432) {
                                      if (features[59] < 1876) {
                                          return 6;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[41] < 1092) {
                                          return 2;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[10] < 868) {
                                      if (features[44] < 2125) {
                                          return 10;
                                      } else {
                                          if (features[59] < 1845) {
                                              return 3;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[14] < 273) {
                          if (features[17] < 475) {
                              if (features[82] < 1370) {
                                  return 10;
                              } else {
                                  if (features[114] < 3605) {
                                      if (features[32] < -418) {
                                          return 6;
                                      } else {
                                          if (features[0] < -1267) {
                                              return 6;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      if (features[63] < 512) {
                                          return 5;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          return 6;
                      }
                  }
              } else {
                  if (features[120] < -4072) {
                      if (features[84] < 1960) {
                          return 10;
                      } else {
                          if (features[7] < 435) {
                              return 10;
                          } else {
                              if (features[65] < 459) {
                                  if (features[81] < 2737) {
                                      return 4;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      }
                  } else {
                      if (features[54] < 620) {
                          if (features[64] < 513) {
                              if (features[62] < 451) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          } else {
                              return 1;
                          }
                      } else {
                          if (features[30] < -1379) {
                              if (features[121] < -1585) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[3] < 1348) {
                                  return 1;
                              } else {
                                  if (features[104] < 3276) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_22(const int16_t *features, int32_t features_length) {
          if (features[2] < 2062) {
              if (features[41] < 342) {
                  if (features[39] < -1720) {
                      if (features[90] < 1067) {
                          if (features[65] < 276) {
                              if (features[122] < -1966) {
                                  if (features[22] < -430) {
                                      return 0;
                                  } else {
                                      if (features[115] < 782) {
                                          return 7;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[23] < -5) {
                                  if (features[62] < 344) {
                                      if (features[24] < -252) {
                                          return 7;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[5] < 1321) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  if (features[67] < 289) {
                                      if (features[111] < 771) {
                                          return 8;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          }
                      } else {
                          if (features[125] < 580) {
                              if (features[21] < 209) {
                                  if (features[125] < 396) {
                                      return 8;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[98] < 1190) {
                          if (features[10] < 1029) {
                              if (features[56] < 139) {
                                  if (features[123] < 52) {
                                      return 10;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[33] < -492) {
                                      return 10;
                                  } else {
                                      if (features[0] < -39) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          } else {
                              if (features[24] < 473) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          }
                      } else {
                          if (features[117] < 1756) {
                              if (features[18] < 132) {
                                  if (features[8] < 749) {
                                      if (features[10] < 354) {
                                          return 10;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[126] < 56) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[1] < 359) {
                      if (features[11] < 298) {
                          if (features[38] < -427) {
                              if (features[27] < 694) {
                                  return 10;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[80] < 851) {
                                  return 7;
                              } else {
                                  if (features[24] < 398) {
                                      return 5;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      } else {
                          if (features[122] < -2940) {
                              if (features[14] < 1039) {
                                  if (features[92] < 4226) {
                                      if (features[63] < 581) {
                                          if (features[49] < 381) {
                                              return 4;
                                          } else {
                                              if (features[19] < 818) {
                                                  if (features[5] < 174) {
                                                      if (features[64] < 330) {
                                                          return 0;
                                                      } else {
                                                          return 6;
                                                      }
                                                  } else {
                                                      if (features[87] < 961) {
                                                          return 0;
                                                      } else {
                                                          return 6;
                                                      }
                                                  }
                                              } else {
                                                  if (features[122] < -5974) {
                                                      return 7;
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[103] < 1576) {
                                      return 8;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[116] < 958) {
                                  if (features[14] < 996) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[30] < -925) {
                          if (features[92] < 2321) {
                              if (features[35] < -1720) {
                                  return 2;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[81] < 1873) {
                                  return 2;
                              } else {
                                  if (features[1] < 1797) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[43] < 936) {
                              if (features[19] < -159) {
                                  if (features[120] < -2231) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[52] < 387) {
                                      return 10;
                                  } else {
                                      if (features[75] < 639) {
                                          if (features[35] < -1206) {
                                              return 8;
                                          } else {
                                              if (features[107] < 3763) {
                                                  if (features[18] < -117) {
                                                      return 5;
                                                  } else {
                                                      return 4;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[8] < 245) {
                                  if (features[121] < -630) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  if (features[54] < 596) {
                                      if (features[84] < 3016) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[33] < -1063) {
                                          if (features[115] < 2794) {
                                              if (features[10] < 831) {
                                                  if (features[51] < 672) {
                                                      return 0;
                                                  } else {
                                                      return 3;
                                                  }
                                              } else {
                                                  return 2;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[100] < 1602) {
                  if (features[30] < -1105) {
                      return 10;
                  } else {
                      if (features[13] < 124) {
                          return 9;
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[101] < 2979) {
                      if (features[126] < 8) {
                          if (features[24] < -527) {
                              if (features[69] < 400) {
                                  return 4;
                              } else {
                                  return 1;
                              }
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[70] < 382) {
                              return 2;
                          } else {
                              return 3;
                          }
                      }
                  } else {
                      if (features[118] < 2198) {
                          if (features[55] < 892) {
                              return 4;
                          } else {
                              return 3;
                          }
                      } else {
                          return 1;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_23(const int16_t *features, int32_t features_length) {
          if (features[41] < 412) {
              if (features[126] < 41) {
                  if (features[120] < -4020) {
                      if (features[37] < -1561) {
                          if (features[123] < 456) {
                              if (features[45] < 304) {
                                  return 4;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 2;
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[31] < -852) {
                          if (features[16] < 519) {
                              if (features[79] < 206) {
                                  if (features[8] < 1179) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[42] < 563) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[12] < 215) {
                              if (features[111] < 1546) {
                                  return 0;
                              } else {
                                  if (features[74] < 501) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[84] < 1457) {
                                  if (features[1] < 514) {
                                      if (features[19] < 257) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      }
                  }
              } else {
                  if (features[20] < 956) {
                      if (features[32] < -661) {
                          if (features[90] < 1361) {
                              if (features[5] < 1433) {
                                  if (features[124] < 96) {
                                      if (features[34] < -916) {
                                          if (features[107] < 1513) {
                                              if (features[40] < 236) {
                                                  return 7;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[97] < 614) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[64] < 264) {
                                      if (features[107] < 474) {
                                          return 0;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[49] < 254) {
                                          if (features[120] < -3851) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[29] < -719) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[45] < 522) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[63] < 292) {
                              if (features[8] < 809) {
                                  if (features[26] < 89) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[94] < 916) {
                                  if (features[123] < 53) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      }
                  } else {
                      if (features[36] < -1242) {
                          return 8;
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[38] < -429) {
                  if (features[2] < 1758) {
                      if (features[37] < -1354) {
                          if (features[126] < 21) {
                              if (features[12] < 665) {
                                  if (features[44] < 952) {
                                      if (features[25] < -319) {
                                          if (features[8] < 2417) {
                                              return 4;
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[79] < 172) {
                                          return 3;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[1] < 1810) {
                                      if (features[108] < 2173) {
                                          return 2;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[49] < 582) {
                                  return 8;
                              } else {
                                  if (features[79] < 180) {
                                      return 7;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[50] < 874) {
                              if (features[100] < 1655) {
                                  return 10;
                              } else {
                                  if (features[1] < 357) {
                                      return 6;
                                  } else {
                                      if (features[19] < -157) {
                                          return 1;
                                      } else {
                                          if (features[20] < -186) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[94] < 3554) {
                                  if (features[10] < 255) {
                                      if (features[108] < 2365) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[42] < 2285) {
                                          if (features[23] < -33) {
                                              return 10;
                                          } else {
                                              if (features[42] < 848) {
                                                  return 10;
                                              } else {
                                                  if (features[74] < 639) {
                                                      return 6;
                                                  } else {
                                                      return 5;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 7;
                                      }
                                  }
                              } else {
                                  if (features[93] < 6355) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[84] < 2088) {
                          if (features[49] < 615) {
                              if (features[92] < 2461) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[69] < 402) {
                                  return 2;
                              } else {
                                  if (features[16] < 415) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[0] < 1607) {
                              if (features[53] < 908) {
                                  return 2;
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[26] < -423) {
                                  if (features[90] < 2293) {
                                      return 10;
                                  } else {
                                      if (features[4] < 1093) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              } else {
                  if (features[32] < -548) {
                      if (features[39] < -43) {
                          return 6;
                      } else {
                          return 3;
                      }
                  } else {
                      if (features[13] < 206) {
                          if (features[9] < 228) {
                              if (features[71] < 584) {
                                  return 5;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_24(const int16_t *features, int32_t features_length) {
          if (features[94] < 1618) {
              if (features[16] < 907) {
                  if (features[91] < 853) {
                      if (features[89] < 391) {
                          return 0;
                      } else {
                          if (features[37] < -1380) {
                              if (features[71] < 197) {
                                  return 8;
                              } else {
                                  if (features[2] < 2139) {
                                      return 7;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              if (features[20] < -196) {
                                  if (features[63] < 300) {
                                      return 0;
                                  } else {
                                      if (features[21] < -273) {
                                          return 9;
                                      } else {
                                          if (features[74] < 251) {
                                              return 7;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[74] < 205) {
                                      return 10;
                                  } else {
                                      if (features[38] < -966) {
                                          return 10;
                                      } else {
                                          if (features[20] < -44) {
                                              return 7;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[84] < 896) {
                          if (features[66] < 327) {
                              if (features[124] < 63) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[47] < 244) {
                                  return 7;
                              } else {
                                  if (features[20] < 890) {
                                      if (features[12] < 231) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 8;
                                  }
                              }
                          }
                      } else {
                          if (features[37] < -280) {
                              if (features[66] < 330) {
                                  if (features[13] < 535) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[28] < -65) {
                                  return 10;
                              } else {
                                  if (features[26] < 541) {
                                      return 5;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[4] < -20) {
                      return 8;
                  } else {
                      if (features[123] < 147) {
                          if (features[3] < 1181) {
                              if (features[23] < -239) {
                                  return 7;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[60] < 354) {
                                  return 9;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[8] < 75) {
                              return 7;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[7] < 422) {
                  if (features[118] < 1372) {
                      if (features[42] < 392) {
                          return 8;
                      } else {
                          if (features[77] < 270) {
                              return 6;
                          } else {
                              return 8;
                          }
                      }
                  } else {
                      if (features[12] < 349) {
                          if (features[121] < -746) {
                              if (features[1] < 300) {
                                  if (features[37] < 63) {
                                      return 10;
                                  } else {
                                      if (features[23] < 403) {
                                          return 5;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[117] < 1972) {
                                      if (features[49] < 704) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[72] < 385) {
                              if (features[89] < 3418) {
                                  return 6;
                              } else {
                                  return 7;
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[15] < 696) {
                      if (features[5] < 1222) {
                          if (features[87] < 3214) {
                              if (features[9] < 1761) {
                                  if (features[58] < 684) {
                                      if (features[72] < 304) {
                                          return 7;
                                      } else {
                                          if (features[8] < 1042) {
                                              if (features[22] < 171) {
                                                  return 4;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[35] < -910) {
                                          return 10;
                                      } else {
                                          if (features[71] < 474) {
                                              if (features[105] < 2143) {
                                                  return 6;
                                              } else {
                                                  return 5;
                                              }
                                          } else {
                                              if (features[41] < 1051) {
                                                  return 4;
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[123] < 229) {
                                      return 8;
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              if (features[3] < 1252) {
                                  if (features[1] < -72) {
                                      return 6;
                                  } else {
                                      if (features[89] < 5408) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[120] < -4065) {
                              if (features[18] < -84) {
                                  if (features[33] < -839) {
                                      if (features[50] < 1750) {
                                          if (features[89] < 2067) {
                                              return 10;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[0] < 2038) {
                                      if (features[9] < 744) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[62] < 531) {
                                          return 4;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          } else {
                              if (features[122] < -4362) {
                                  if (features[2] < 1370) {
                                      return 6;
                                  } else {
                                      if (features[112] < 1020) {
                                          return 1;
                                      } else {
                                          if (features[121] < -499) {
                                              return 3;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[38] < -1617) {
                                      return 0;
                                  } else {
                                      return 4;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[123] < 609) {
                          return 10;
                      } else {
                          if (features[125] < 2498) {
                              if (features[27] < -90) {
                                  if (features[9] < 842) {
                                      return 10;
                                  } else {
                                      if (features[1] < 2207) {
                                          return 2;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[34] < -1557) {
                                  return 1;
                              } else {
                                  return 2;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_25(const int16_t *features, int32_t features_length) {
          if (features[84] < 1201) {
              if (features[65] < 268) {
                  if (features[67] < 263) {
                      if (features[112] < 1118) {
                          if (features[73] < 242) {
                              return 8;
                          } else {
                              return 7;
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[34] < -1842) {
                          return 10;
                      } else {
                          if (features[16] < 966) {
                              if (features[2] < -650) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          } else {
                              return 8;
                          }
                      }
                  }
              } else {
                  if (features[49] < 308) {
                      if (features[33] < -903) {
                          if (features[28] < -36) {
                              if (features[38] < -2095) {
                                  if (features[91] < 816) {
                                      if (features[3] < 527) {
                                          return 8;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[125] < 198) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[19] < -322) {
                                      return 9;
                                  } else {
                                      if (features[3] < 942) {
                                          return 10;
                                      } else {
                                          return 7;
                                      }
                                  }
                              }
                          } else {
                              return 7;
                          }
                      } else {
                          if (features[35] < -560) {
                              if (features[42] < 228) {
                                  return 10;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 9;
                          }
                      }
                  } else {
                      if (features[66] < 315) {
                          if (features[101] < 973) {
                              if (features[39] < -2291) {
                                  return 8;
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[36] < -26) {
                                  if (features[32] < -937) {
                                      return 10;
                                  } else {
                                      if (features[86] < 1520) {
                                          return 0;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          if (features[122] < -4322) {
                              return 10;
                          } else {
                              if (features[69] < 348) {
                                  if (features[89] < 800) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[7] < 393) {
                  if (features[10] < 250) {
                      if (features[37] < -459) {
                          if (features[0] < 1753) {
                              if (features[12] < 122) {
                                  return 10;
                              } else {
                                  if (features[62] < 458) {
                                      return 6;
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              if (features[52] < 694) {
                                  if (features[106] < 1060) {
                                      return 0;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[20] < 345) {
                              if (features[26] < -50) {
                                  if (features[9] < -54) {
                                      if (features[109] < 1526) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[41] < 680) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              if (features[75] < 358) {
                                  return 6;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[10] < 526) {
                          if (features[52] < 683) {
                              return 4;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[38] < -1297) {
                              if (features[8] < -253) {
                                  return 7;
                              } else {
                                  if (features[15] < 1164) {
                                      return 6;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[16] < 375) {
                      if (features[0] < 3221) {
                          if (features[75] < 398) {
                              if (features[4] < 200) {
                                  if (features[13] < 208) {
                                      return 0;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[54] < 843) {
                                      if (features[80] < 966) {
                                          return 10;
                                      } else {
                                          if (features[78] < 214) {
                                              return 10;
                                          } else {
                                              if (features[18] < -126) {
                                                  return 3;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[61] < 253) {
                                          return 3;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[126] < 9) {
                                  if (features[28] < -677) {
                                      if (features[112] < 2872) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[120] < -4312) {
                                          return 10;
                                      } else {
                                          if (features[15] < -103) {
                                              return 3;
                                          } else {
                                              if (features[18] < 323) {
                                                  return 4;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[1] < 1179) {
                                      return 2;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[43] < 645) {
                              return 10;
                          } else {
                              if (features[19] < -215) {
                                  return 1;
                              } else {
                                  if (features[59] < 768) {
                                      return 4;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[48] < 706) {
                          if (features[14] < 749) {
                              if (features[37] < -1700) {
                                  return 0;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[126] < 42) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[0] < 2090) {
                              if (features[33] < -1182) {
                                  if (features[78] < 480) {
                                      if (features[9] < 771) {
                                          return 2;
                                      } else {
                                          if (features[29] < -345) {
                                              return 2;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[85] < 5051) {
                                      if (features[16] < 1099) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[36] < -1689) {
                                  return 1;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_26(const int16_t *features, int32_t features_length) {
          if (features[43] < 718) {
              if (features[46] < 342) {
                  if (features[0] < 129) {
                      if (features[39] < -2493) {
                          return 8;
                      } else {
                          if (features[22] < -435) {
                              return 0;
                          } else {
                              if (features[5] < 1354) {
                                  if (features[84] < 1107) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 9;
                              }
                          }
                      }
                  } else {
                      if (features[9] < 1942) {
                          if (features[2] < 1028) {
                              if (features[76] < 177) {
                                  return 10;
                              } else {
                                  if (features[49] < 262) {
                                      return 9;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              if (features[47] < 283) {
                                  if (features[121] < -4316) {
                                      return 10;
                                  } else {
                                      if (features[20] < -349) {
                                          return 9;
                                      } else {
                                          if (features[17] < 460) {
                                              if (features[40] < 222) {
                                                  return 10;
                                              } else {
                                                  if (features[74] < 261) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[24] < -138) {
                              return 0;
                          } else {
                              return 8;
                          }
                      }
                  }
              } else {
                  if (features[84] < 1659) {
                      if (features[12] < 586) {
                          if (features[71] < 250) {
                              if (features[105] < 1146) {
                                  if (features[64] < 279) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[75] < 469) {
                                  if (features[37] < 103) {
                                      if (features[1] < 1216) {
                                          if (features[16] < 2017) {
                                              if (features[6] < -773) {
                                                  return 6;
                                              } else {
                                                  if (features[83] < 836) {
                                                      return 0;
                                                  } else {
                                                      if (features[0] < 1284) {
                                                          return 10;
                                                      } else {
                                                          return 4;
                                                      }
                                                  }
                                              }
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[84] < 860) {
                                          return 9;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[89] < 1005) {
                              if (features[5] < 2341) {
                                  if (features[47] < 518) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[28] < 55) {
                                  return 10;
                              } else {
                                  if (features[0] < 7) {
                                      return 8;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[30] < -427) {
                          if (features[76] < 232) {
                              return 10;
                          } else {
                              return 4;
                          }
                      } else {
                          if (features[110] < 1920) {
                              return 5;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[31] < -560) {
                  if (features[3] < 1259) {
                      if (features[8] < 816) {
                          if (features[2] < 375) {
                              if (features[23] < -274) {
                                  return 7;
                              } else {
                                  if (features[107] < 952) {
                                      return 8;
                                  } else {
                                      if (features[20] < 817) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[56] < 848) {
                                  if (features[111] < 1502) {
                                      return 0;
                                  } else {
                                      if (features[33] < -950) {
                                          return 7;
                                      } else {
                                          return 4;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[123] < 988) {
                              if (features[19] < 211) {
                                  if (features[65] < 272) {
                                      return 0;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[95] < 1760) {
                                      return 8;
                                  } else {
                                      if (features[30] < -898) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[59] < 579) {
                          if (features[67] < 449) {
                              if (features[58] < 218) {
                                  return 1;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[21] < -230) {
                                  if (features[65] < 461) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[99] < 3175) {
                              if (features[40] < 643) {
                                  if (features[1] < 1901) {
                                      return 2;
                                  } else {
                                      if (features[30] < -1289) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[14] < 718) {
                                      if (features[75] < 362) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[24] < -417) {
                                  if (features[120] < -5045) {
                                      return 1;
                                  } else {
                                      if (features[27] < -784) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[121] < -606) {
                      if (features[37] < 90) {
                          if (features[33] < 69) {
                              if (features[122] < -3361) {
                                  if (features[1] < 1154) {
                                      if (features[17] < 769) {
                                          return 10;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[42] < 814) {
                                          return 10;
                                      } else {
                                          if (features[2] < 2064) {
                                              return 3;
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[8] < 1497) {
                                  return 6;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[21] < 333) {
                              if (features[23] < -84) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      return 5;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_27(const int16_t *features, int32_t features_length) {
          if (features[45] < 703) {
              if (features[47] < 363) {
                  if (features[63] < 238) {
                      if (features[5] < 2278) {
                          if (features[14] < 636) {
                              if (features[92] < 568) {
                                  return 7;
                              } else {
                                  return 0;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          return 8;
                      }
                  } else {
                      if (features[39] < -2221) {
                          if (features[68] < 270) {
                              if (features[1] < 417) {
                                  return 8;
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[65] < 247) {
                                  return 0;
                              } else {
                                  if (features[4] < 1555) {
                                      if (features[20] < 135) {
                                          if (features[13] < 532) {
                                              return 0;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          if (features[9] < 283) {
                                              return 8;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  } else {
                                      if (features[1] < 2907) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[16] < -76) {
                              if (features[84] < 880) {
                                  if (features[112] < 1765) {
                                      if (features[65] < 288) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[57] < 498) {
                                      return 10;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[34] < -916) {
                                  if (features[77] < 240) {
                                      if (features[40] < 327) {
                                          if (features[54] < 156) {
                                              return 9;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[48] < 240) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[28] < -301) {
                                      return 10;
                                  } else {
                                      if (features[82] < 904) {
                                          if (features[123] < 53) {
                                              return 10;
                                          } else {
                                              if (features[44] < 300) {
                                                  return 9;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          if (features[25] < -4) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[61] < 402) {
                      if (features[112] < 872) {
                          if (features[38] < -1865) {
                              return 8;
                          } else {
                              if (features[39] < -463) {
                                  return 0;
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          if (features[21] < 150) {
                              if (features[65] < 345) {
                                  if (features[126] < 31) {
                                      if (features[15] < 903) {
                                          return 0;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[0] < -325) {
                                      return 5;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[4] < -534) {
                          return 8;
                      } else {
                          if (features[22] < 362) {
                              if (features[18] < -31) {
                                  return 10;
                              } else {
                                  if (features[20] < 500) {
                                      if (features[13] < 796) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[3] < 1217) {
                  if (features[39] < -738) {
                      if (features[7] < 1074) {
                          if (features[14] < 1097) {
                              if (features[126] < 10) {
                                  if (features[30] < -915) {
                                      return 2;
                                  } else {
                                      if (features[120] < -4366) {
                                          return 10;
                                      } else {
                                          if (features[58] < 785) {
                                              if (features[1] < 651) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[87] < 1133) {
                                      return 0;
                                  } else {
                                      if (features[44] < 1314) {
                                          if (features[79] < 424) {
                                              return 6;
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          if (features[2] < 1480) {
                                              return 10;
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[124] < 185) {
                                  return 8;
                              } else {
                                  if (features[103] < 3113) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[111] < 882) {
                              return 8;
                          } else {
                              if (features[16] < 233) {
                                  return 10;
                              } else {
                                  if (features[4] < -158) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[10] < 490) {
                          if (features[21] < 386) {
                              if (features[79] < 155) {
                                  return 7;
                              } else {
                                  if (features[24] < -293) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              if (features[25] < 224) {
                                  return 10;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 6;
                      }
                  }
              } else {
                  if (features[27] < -608) {
                      if (features[120] < -4081) {
                          if (features[0] < 1609) {
                              return 2;
                          } else {
                              if (features[89] < 2304) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[122] < -4882) {
                              if (features[70] < 456) {
                                  return 2;
                              } else {
                                  if (features[38] < -1896) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[28] < -988) {
                                  if (features[2] < 1313) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  } else {
                      if (features[40] < 620) {
                          return 10;
                      } else {
                          if (features[120] < -4191) {
                              return 10;
                          } else {
                              if (features[75] < 362) {
                                  return 4;
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_28(const int16_t *features, int32_t features_length) {
          if (features[87] < 1317) {
              if (features[123] < 199) {
                  if (features[15] < 1073) {
                      if (features[0] < -80) {
                          if (features[44] < 469) {
                              if (features[63] < 209) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[9] < 2190) {
                              if (features[5] < 527) {
                                  if (features[31] < -197) {
                                      if (features[60] < 369) {
                                          if (features[124] < 53) {
                                              return 8;
                                          } else {
                                              if (features[44] < 476) {
                                                  return 9;
                                              } else {
                                                  return 0;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[124] < 118) {
                                      if (features[5] < 1437) {
                                          if (features[47] < 314) {
                                              if (features[10] < 588) {
                                                  if (features[123] < 65) {
                                                      return 10;
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              if (features[81] < 735) {
                                                  return 8;
                                              } else {
                                                  return 0;
                                              }
                                          }
                                      } else {
                                          if (features[62] < 285) {
                                              if (features[17] < 431) {
                                                  return 7;
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              if (features[121] < -3966) {
                                                  return 10;
                                              } else {
                                                  if (features[124] < 79) {
                                                      return 9;
                                                  } else {
                                                      if (features[30] < -1114) {
                                                          return 10;
                                                      } else {
                                                          return 9;
                                                      }
                                                  }
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[126] < 35) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[23] < -239) {
                          if (features[50] < 308) {
                              if (features[61] < 313) {
                                  return 8;
                              } else {
                                  return 7;
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[66] < 314) {
                      if (features[1] < 185) {
                          return 10;
                      } else {
                          if (features[37] < -2022) {
                              return 10;
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[64] < 184) {
                          return 0;
                      } else {
                          if (features[89] < 801) {
                              if (features[75] < 320) {
                                  return 7;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[45] < 529) {
                                  if (features[37] < 1078) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[29] < -864) {
                  if (features[126] < 8) {
                      if (features[2] < 1340) {
                          if (features[89] < 2156) {
                              return 0;
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[65] < 461) {
                              return 10;
                          } else {
                              return 1;
                          }
                      }
                  } else {
                      if (features[14] < 323) {
                          if (features[1] < 737) {
                              return 2;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[69] < 549) {
                              if (features[96] < 2075) {
                                  if (features[83] < 958) {
                                      return 8;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[46] < 826) {
                                  return 1;
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              } else {
                  if (features[40] < 801) {
                      if (features[3] < 266) {
                          if (features[58] < 240) {
                              if (features[10] < 1814) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[39] < -193) {
                                  if (features[69] < 547) {
                                      if (features[5] < 391) {
                                          if (features[13] < 2067) {
                                              if (features[13] < 398) {
                                                  if (features[70] < 315) {
                                                      return 8;
                                                  } else {
                                                      if (features[48] < 804) {
                                                          return 4;
                                                      } else {
                                                          return 10;
                                                      }
                                                  }
                                              } else {
                                                  if (features[8] < 350) {
                                                      if (features[83] < 1013) {
                                                          return 10;
                                                      } else {
                                                          return 6;
                                                      }
                                                  } else {
                                                      if (features[39] < -810) {
                                                          return 10;
                                                      } else {
                                                          return 6;
                                                      }
                                                  }
                                              }
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          if (features[30] < -805) {
                                              return 2;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[9] < 88) {
                                      if (features[97] < 1259) {
                                          return 9;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[52] < 852) {
                              if (features[84] < 1650) {
                                  if (features[39] < -736) {
                                      if (features[22] < 662) {
                                          if (features[64] < 229) {
                                              return 0;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  if (features[36] < -708) {
                                      if (features[115] < 1066) {
                                          return 10;
                                      } else {
                                          if (features[81] < 1386) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[35] < -1295) {
                                  return 2;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[36] < -415) {
                          if (features[4] < 1312) {
                              if (features[22] < -323) {
                                  if (features[82] < 3684) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[113] < 3076) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[74] < 557) {
                              if (features[79] < 259) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_29(const int16_t *features, int32_t features_length) {
          if (features[96] < 1424) {
              if (features[87] < 783) {
                  if (features[8] < 1437) {
                      if (features[23] < -7) {
                          if (features[17] < -81) {
                              if (features[20] < -207) {
                                  if (features[67] < 251) {
                                      return 8;
                                  } else {
                                      if (features[12] < 502) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[53] < 178) {
                                  if (features[0] < 1213) {
                                      return 10;
                                  } else {
                                      if (features[25] < -595) {
                                          return 10;
                                      } else {
                                          if (features[47] < 228) {
                                              return 9;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[24] < -411) {
                                      if (features[5] < 1464) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      } else {
                          if (features[44] < 271) {
                              return 9;
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[23] < -231) {
                          if (features[14] < 392) {
                              return 0;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[110] < 934) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[20] < 955) {
                      if (features[31] < -550) {
                          if (features[65] < 330) {
                              if (features[31] < -1180) {
                                  return 8;
                              } else {
                                  if (features[4] < 501) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[8] < 324) {
                                  return 8;
                              } else {
                                  if (features[60] < 344) {
                                      if (features[39] < -2115) {
                                          return 7;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[84] < 1525) {
                              if (features[45] < 606) {
                                  return 10;
                              } else {
                                  return 6;
                              }
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[2] < -1120) {
                          return 6;
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[2] < 1475) {
                  if (features[30] < -922) {
                      if (features[98] < 1922) {
                          return 10;
                      } else {
                          if (features[46] < 659) {
                              return 0;
                          } else {
                              if (features[9] < 3422) {
                                  if (features[39] < -1324) {
                                      return 2;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 0;
                              }
                          }
                      }
                  } else {
                      if (features[10] < 250) {
                          if (features[6] < 492) {
                              if (features[37] < -301) {
                                  if (features[61] < 434) {
                                      if (features[67] < 443) {
                                          if (features[17] < 849) {
                                              return 10;
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[8] < -165) {
                                          return 10;
                                      } else {
                                          if (features[84] < 2231) {
                                              return 4;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[3] < -1452) {
                                      return 6;
                                  } else {
                                      if (features[71] < 593) {
                                          if (features[124] < 98) {
                                              return 10;
                                          } else {
                                              if (features[39] < -738) {
                                                  return 6;
                                              } else {
                                                  return 5;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[25] < 228) {
                                  if (features[122] < -2858) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[38] < -2066) {
                                      return 3;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[71] < 250) {
                              if (features[91] < 3995) {
                                  if (features[18] < 344) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[43] < 962) {
                                  if (features[5] < 42) {
                                      if (features[120] < -3215) {
                                          return 10;
                                      } else {
                                          if (features[4] < -682) {
                                              return 8;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[27] < -152) {
                                          if (features[78] < 480) {
                                              if (features[41] < 466) {
                                                  if (features[64] < 321) {
                                                      return 0;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  if (features[9] < 919) {
                                                      return 4;
                                                  } else {
                                                      return 6;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[14] < 1076) {
                                      if (features[40] < 730) {
                                          if (features[8] < 1237) {
                                              return 6;
                                          } else {
                                              if (features[14] < -18) {
                                                  return 0;
                                              } else {
                                                  if (features[98] < 3773) {
                                                      return 10;
                                                  } else {
                                                      return 2;
                                                  }
                                              }
                                          }
                                      } else {
                                          if (features[56] < 408) {
                                              return 1;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[26] < -470) {
                      if (features[126] < 11) {
                          if (features[68] < 425) {
                              if (features[37] < -1923) {
                                  return 2;
                              } else {
                                  if (features[88] < 3424) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[55] < 1375) {
                                  if (features[1] < 1516) {
                                      return 4;
                                  } else {
                                      if (features[65] < 452) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[68] < 432) {
                              return 10;
                          } else {
                              return 3;
                          }
                      }
                  } else {
                      if (features[75] < 330) {
                          return 0;
                      } else {
                          if (features[4] < 1062) {
                              return 10;
                          } else {
                              return 3;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_30(const int16_t *features, int32_t features_length) {
          if (features[42] < 507) {
              if (features[49] < 299) {
                  if (features[9] < 2190) {
                      if (features[19] < -270) {
                          if (features[106] < 423) {
                              return 10;
                          } else {
                              if (features[84] < 1013) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[83] < 853) {
                              if (features[39] < -1050) {
                                  if (features[17] < 432) {
                                      if (features[11] < 611) {
                                          if (features[111] < 412) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[47] < 293) {
                                          if (features[37] < -1546) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[114] < 400) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      return 0;
                  }
              } else {
                  if (features[120] < -4279) {
                      if (features[83] < 1597) {
                          if (features[19] < -1606) {
                              return 0;
                          } else {
                              return 10;
                          }
                      } else {
                          return 4;
                      }
                  } else {
                      if (features[19] < 164) {
                          if (features[14] < 1275) {
                              if (features[18] < 316) {
                                  if (features[65] < 347) {
                                      if (features[22] < -201) {
                                          return 0;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[69] < 267) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[32] < -537) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              if (features[7] < 718) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[124] < 158) {
                              if (features[2] < -349) {
                                  return 8;
                              } else {
                                  if (features[9] < 858) {
                                      if (features[44] < 339) {
                                          if (features[23] < 606) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[72] < 207) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[37] < -1918) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[36] < -413) {
                  if (features[1] < 1929) {
                      if (features[12] < 755) {
                          if (features[50] < 917) {
                              if (features[25] < -181) {
                                  if (features[82] < 1484) {
                                      if (features[99] < 944) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[6] < 1393) {
                                          if (features[78] < 516) {
                                              return 4;
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  if (features[76] < 340) {
                                      if (features[126] < 48) {
                                          return 10;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[2] < 1545) {
                                  if (features[89] < 1557) {
                                      if (features[19] < 472) {
                                          return 0;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[32] < -952) {
                                          return 2;
                                      } else {
                                          if (features[66] < 329) {
                                              return 1;
                                          } else {
                                              if (features[110] < 2765) {
                                                  return 6;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[36] < -1237) {
                              if (features[119] < 969) {
                                  if (features[80] < 1384) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[104] < 2839) {
                                      if (features[66] < 605) {
                                          if (features[44] < 424) {
                                              return 7;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[65] < 338) {
                                          return 7;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[97] < 3143) {
                                  if (features[70] < 575) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[10] < 868) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[26] < -420) {
                          if (features[91] < 3142) {
                              if (features[66] < 395) {
                                  return 10;
                              } else {
                                  if (features[82] < 1923) {
                                      if (features[42] < 834) {
                                          if (features[41] < 577) {
                                              return 3;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[117] < 3432) {
                                          if (features[66] < 452) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          } else {
                              if (features[87] < 3741) {
                                  if (features[39] < -1493) {
                                      if (features[104] < 3709) {
                                          return 1;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      if (features[65] < 590) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[120] < -4170) {
                              return 10;
                          } else {
                              return 3;
                          }
                      }
                  }
              } else {
                  if (features[2] < -586) {
                      if (features[76] < 392) {
                          return 6;
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[74] < 540) {
                          if (features[7] < 497) {
                              if (features[98] < 6150) {
                                  if (features[0] < 1520) {
                                      return 5;
                                  } else {
                                      if (features[55] < 1161) {
                                          return 4;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 0;
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_31(const int16_t *features, int32_t features_length) {
          if (features[83] < 1198) {
              if (features[4] < -716) {
                  if (features[32] < 905) {
                      if (features[10] < -665) {
                          return 6;
                      } else {
                          if (features[125] < 943) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[125] < 1049) {
                          return 6;
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[64] < 234) {
                      if (features[35] < -1578) {
                          if (features[111] < 824) {
                              if (features[67] < 260) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[21] < -235) {
                              return 0;
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[90] < 995) {
                          if (features[99] < 773) {
                              if (features[74] < 278) {
                                  if (features[27] < 321) {
                                      if (features[120] < -4813) {
                                          return 10;
                                      } else {
                                          if (features[1] < 1748) {
                                              if (features[121] < -1042) {
                                                  if (features[75] < 181) {
                                                      return 10;
                                                  } else {
                                                      if (features[49] < 254) {
                                                          return 9;
                                                      } else {
                                                          return 10;
                                                      }
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              if (features[62] < 298) {
                                                  return 7;
                                              } else {
                                                  if (features[4] < 1545) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          }
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 9;
                              }
                          } else {
                              if (features[94] < 712) {
                                  return 7;
                              } else {
                                  if (features[41] < 250) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[126] < 52) {
                              if (features[70] < 258) {
                                  if (features[12] < 416) {
                                      if (features[40] < 473) {
                                          return 0;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[33] < 89) {
                                      if (features[35] < -1559) {
                                          if (features[12] < 1176) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          if (features[42] < 576) {
                                              if (features[5] < 1513) {
                                                  if (features[34] < -308) {
                                                      return 10;
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  return 0;
                                              }
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      if (features[50] < 690) {
                                          return 5;
                                      } else {
                                          return 6;
                                      }
                                  }
                              }
                          } else {
                              if (features[20] < 415) {
                                  return 7;
                              } else {
                                  return 8;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[39] < -667) {
                  if (features[11] < 875) {
                      if (features[33] < -1006) {
                          if (features[74] < 436) {
                              if (features[42] < 3461) {
                                  if (features[88] < 3374) {
                                      if (features[61] < 401) {
                                          if (features[64] < 364) {
                                              return 0;
                                          } else {
                                              if (features[75] < 346) {
                                                  return 10;
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      } else {
                                          if (features[38] < -1451) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[1] < 3068) {
                                  if (features[109] < 3226) {
                                      if (features[17] < 476) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[40] < 803) {
                              if (features[1] < 295) {
                                  if (features[75] < 414) {
                                      if (features[52] < 536) {
                                          return 10;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[84] < 3264) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  if (features[50] < 871) {
                                      if (features[58] < 288) {
                                          return 10;
                                      } else {
                                          if (features[76] < 630) {
                                              if (features[61] < 340) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[107] < 3048) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[2] < 1509) {
                                  if (features[104] < 5919) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[71] < 503) {
                                      if (features[90] < 2224) {
                                          return 10;
                                      } else {
                                          if (features[83] < 3501) {
                                              return 3;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      if (features[120] < -4473) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[32] < -879) {
                          if (features[3] < 1937) {
                              if (features[0] < 2097) {
                                  if (features[103] < 1451) {
                                      return 10;
                                  } else {
                                      if (features[126] < 18) {
                                          return 2;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[125] < 1420) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[122] < -2875) {
                              if (features[108] < 2622) {
                                  return 6;
                              } else {
                                  return 2;
                              }
                          } else {
                              return 8;
                          }
                      }
                  }
              } else {
                  if (features[79] < 227) {
                      if (features[9] < 973) {
                          return 6;
                      } else {
                          return 0;
                      }
                  } else {
                      if (features[70] < 532) {
                          if (features[6] < 594) {
                              if (features[20] < -281) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[72] < 568) {
                              return 3;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

int32_t mytree_predict(const int16_t *features, int32_t features_length) {

        int32_t votes[11] = {0,};
        int32_t _class = -1;

        _class = mytree_tree_0(features, features_length); votes[_class] += 1;
    _class = mytree_tree_1(features, features_length); votes[_class] += 1;
    _class = mytree_tree_2(features, features_length); votes[_class] += 1;
    _class = mytree_tree_3(features, features_length); votes[_class] += 1;
    _class = mytree_tree_4(features, features_length); votes[_class] += 1;
    _class = mytree_tree_5(features, features_length); votes[_class] += 1;
    _class = mytree_tree_6(features, features_length); votes[_class] += 1;
    _class = mytree_tree_7(features, features_length); votes[_class] += 1;
    _class = mytree_tree_8(features, features_length); votes[_class] += 1;
    _class = mytree_tree_9(features, features_length); votes[_class] += 1;
    _class = mytree_tree_10(features, features_length); votes[_class] += 1;
    _class = mytree_tree_11(features, features_length); votes[_class] += 1;
    _class = mytree_tree_12(features, features_length); votes[_class] += 1;
    _class = mytree_tree_13(features, features_length); votes[_class] += 1;
    _class = mytree_tree_14(features, features_length); votes[_class] += 1;
    _class = mytree_tree_15(features, features_length); votes[_class] += 1;
    _class = mytree_tree_16(features, features_length); votes[_class] += 1;
    _class = mytree_tree_17(features, features_length); votes[_class] += 1;
    _class = mytree_tree_18(features, features_length); votes[_class] += 1;
    _class = mytree_tree_19(features, features_length); votes[_class] += 1;
    _class = mytree_tree_20(features, features_length); votes[_class] += 1;
    _class = mytree_tree_21(features, features_length); votes[_class] += 1;
    _class = mytree_tree_22(features, features_length); votes[_class] += 1;
    _class = mytree_tree_23(features, features_length); votes[_class] += 1;
    _class = mytree_tree_24(features, features_length); votes[_class] += 1;
    _class = mytree_tree_25(features, features_length); votes[_class] += 1;
    _class = mytree_tree_26(features, features_length); votes[_class] += 1;
    _class = mytree_tree_27(features, features_length); votes[_class] += 1;
    _class = mytree_tree_28(features, features_length); votes[_class] += 1;
    _class = mytree_tree_29(features, features_length); votes[_class] += 1;
    _class = mytree_tree_30(features, features_length); votes[_class] += 1;
    _class = mytree_tree_31(features, features_length); votes[_class] += 1;
    
        int32_t most_voted_class = -1;
        int32_t most_voted_votes = 0;
        for (int32_t i=0; i<11; i++) {

            if (votes[i] > most_voted_votes) {
                most_voted_class = i;
                most_voted_votes = votes[i];
            }
        }
        return most_voted_class;
    }
    

int mytree_predict_proba(const int16_t *features, int32_t features_length, float *out, int out_length) {

        int32_t _class = -1;

        for (int i=0; i<out_length; i++) {
            out[i] = 0.0f;
        }

        _class = mytree_tree_0(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_1(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_2(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_3(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_4(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_5(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_6(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_7(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_8(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_9(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_10(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_11(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_12(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_13(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_14(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_15(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_16(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_17(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_18(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_19(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_20(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_21(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_22(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_23(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_24(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_25(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_26(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_27(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_28(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_29(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_30(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_31(features, features_length); out[_class] += 1.0f;
    
        // compute mean
        for (int i=0; i<out_length; i++) {
            out[i] = out[i] / 32;
        }
        return 0;
    }
    

            int32_t
            predict_wrapper(const float *values, int length) {
                // Convert to whatever is needed for inline
                int16_t features[127];
                for (int i=0; i<length; i++) {
                    features[i] = (int16_t)values[i];
                }
                const int32_t out = mytree_predict(features, length);
                if (out < 0) {
                    return -out;
                }
                return out;
            }

            int
            predict_proba_wrapper(const float *values, int length, float *outputs, int n_outputs) {
                // Convert to whatever is needed for inline
                int16_t features[127];
                for (int i=0; i<length; i++) {
                    features[i] = (int16_t)values[i];
                }

                const int err =                     mytree_predict_proba(features, length, outputs, n_outputs);

                return err;
            }
            